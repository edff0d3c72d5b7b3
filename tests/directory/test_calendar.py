"""One calendar for every app: national holidays from the holidays package,
the editors' closures, shorter hours and moved holidays, and what the
directory shows of them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory import calendar
from directory.factories import ClosureFactory, LocationFactory, OpeningHoursFactory
from directory.models import Closure, Location
from directory.opening import ATHENS
from directory.search import open_location_ids

WHIT_MONDAY_2027 = datetime.date(2027, 6, 21)
CLEAN_MONDAY_2028 = datetime.date(2028, 2, 28)
GOOD_FRIDAY_2028 = datetime.date(2028, 4, 14)


def athens(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ATHENS)


@pytest.fixture
def kapi(db):
    """The demo's ΚΑΠΗ: weekday mornings and four evenings."""
    return Location.objects.get(locale__language_code="el", slug="kapi-kalamatas")


@pytest.mark.parametrize("day", [WHIT_MONDAY_2027, CLEAN_MONDAY_2028, GOOD_FRIDAY_2028])
def test_the_kapi_is_not_open_now_on_an_easter_holiday(kapi, day):
    assert kapi.pk not in open_location_ids(athens(day, 10))
    # The same hour of the Monday or Friday a week before, it is.
    assert kapi.pk in open_location_ids(athens(day - datetime.timedelta(7), 10))
    state = calendar.Calendar.between(day, day, [kapi.pk]).state_at(
        athens(day, 10), kapi
    )
    assert not state.is_open and state.closed_for


def test_the_kapi_hours_are_none_on_whit_monday_and_say_why(kapi):
    with translation.override("el"):
        days = calendar.Calendar.between(WHIT_MONDAY_2027, WHIT_MONDAY_2027)
        assert days.hours_on(kapi, WHIT_MONDAY_2027) == []
        (holiday,) = days.closures_on(WHIT_MONDAY_2027, kapi.pk)
    assert holiday.national and holiday.reason == "Δευτέρα του Αγίου Πνεύματος"


@pytest.mark.parametrize("year", range(2024, 2036))
def test_every_year_has_the_thirteen_greek_holidays_or_their_moves(year):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    with translation.override("en"):
        names = set(calendar.national_holidays(first, last).values())
    assert {
        "New Year's Day",
        "Epiphany",
        "Green Monday",
        "Independence Day",
        "Good Friday",
        "Easter Monday",
        "Pentecost Monday",
        "Dormition of the Mother of God",
        "Ohi Day",
        "Christmas Day",
        "Glorifying Mother of God",
    } <= names
    assert {"Labor Day", "Labor Day (observed)"} & names
    # Every name the package gives has a place in the catalogues.
    assert names <= set(calendar.HOLIDAY_NAMES)


def test_holiday_names_follow_the_visitor_language(db):
    day = datetime.date(2027, 1, 1)
    with translation.override("el"):
        assert calendar.national_holidays(day, day) == {day: "Πρωτοχρονιά"}
    with translation.override("ar"):
        assert calendar.national_holidays(day, day) == {day: "رأس السنة الميلادية"}


def test_an_extra_holiday_closes_every_place_and_is_no_working_day(db):
    day = datetime.date(2027, 5, 11)  # an ordinary Tuesday
    office = LocationFactory(slug="grafeio-x")
    OpeningHoursFactory(location=office, weekday=1)
    assert calendar.is_working_day(day)
    assert calendar.hours_on(office, day) == [(datetime.time(8), datetime.time(15))]
    ClosureFactory(starts_on=day, kind=Closure.Kind.HOLIDAY, reason="Μεταφορά")
    assert not calendar.is_working_day(day)
    assert calendar.hours_on(office, day) == []
    assert [c.reason for c in calendar.closures_on(day)] == ["Μεταφορά"]


def test_a_holiday_moved_away_opens_the_places_again(db):
    moved = datetime.date(2027, 5, 4)  # Labour Day observed by the package
    office = LocationFactory(slug="grafeio-y")
    OpeningHoursFactory(location=office, weekday=1)
    assert calendar.hours_on(office, moved) == []
    ClosureFactory(starts_on=moved, kind=Closure.Kind.WORKING_DAY, reason="Όχι")
    assert calendar.hours_on(office, moved) == [(datetime.time(8), datetime.time(15))]
    assert calendar.is_working_day(moved)


def test_shorter_hours_cut_the_day_and_open_now_follows(db):
    eve = datetime.date(2026, 12, 24)  # Thursday
    office = LocationFactory(slug="grafeio-z")
    OpeningHoursFactory(location=office, weekday=3)
    ClosureFactory(
        location=office,
        starts_on=eve,
        kind=Closure.Kind.SHORTENED,
        closes=datetime.time(12),
        reason="Παραμονή Χριστουγέννων",
    )
    assert calendar.hours_on(office, eve) == [(datetime.time(8), datetime.time(12))]
    assert office.pk in open_location_ids(athens(eve, 11, 59))
    assert office.pk not in open_location_ids(athens(eve, 12, 30))
    # Shorter hours do not make the day a holiday.
    assert calendar.is_working_day(eve)
    (change,) = calendar.closures_on(eve, office)
    assert change.is_shortened and change.closes == datetime.time(12)
    assert calendar.closures_on(eve) == []  # not every place


def test_a_place_own_closure_is_not_everyone_s(db):
    day = datetime.date(2027, 2, 2)
    office, other = LocationFactory(slug="a-place"), LocationFactory(slug="b-place")
    ClosureFactory(location=office, starts_on=day, reason="Πολιούχος")
    assert [c.reason for c in calendar.closures_on(day, office)] == ["Πολιούχος"]
    assert calendar.closures_on(day, other) == []
    assert not calendar.is_working_day(day, office)
    assert calendar.is_working_day(day, other)


def test_one_question_is_one_query(db):
    office = LocationFactory(slug="c-place")
    with CaptureQueriesContext(connection) as queries:
        calendar.closures_on(datetime.date(2027, 1, 1), office)
        calendar.is_working_day(datetime.date(2027, 1, 4))
    assert len(queries) == 2


def test_a_location_page_lists_the_holidays_and_shorter_hours_ahead(db):
    centre = Location.objects.get(locale__language_code="el", slug="kentro-koinotitas")
    first = datetime.date(2026, 12, 20)
    with translation.override("el"):
        changes = calendar.upcoming_changes(centre, first)
    shown = [(c.starts_on, c.reason, hours) for c, hours in changes]
    assert (
        datetime.date(2026, 12, 24),
        "Παραμονή Χριστουγέννων: ανοιχτά έως τις 12:00",
        [(datetime.time(8), datetime.time(12))],
    ) in shown
    assert (datetime.date(2026, 12, 25), "Χριστούγεννα", []) in shown
    # Saturday 26 December: the office is closed on Saturdays anyway.
    assert datetime.date(2026, 12, 26) not in [day for day, _r, _h in shown]
