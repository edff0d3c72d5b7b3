"""The one calendar in the events: a Mobile Unit visit on a holiday or a
closure is cancelled (or shortened) with the reason on its page, left out of
the appointment form and marked in every calendar file; other events on such
a day are left to their editor, who is warned."""

import datetime

import icalendar
import pytest
from django.utils import timezone, translation

from appointments.places import visit_groups
from directory import calendar
from directory.factories import ClosureFactory, LocationFactory, MunicipalityFactory
from directory.models import Closure, Location
from events.factories import EventPageFactory, local_datetime
from events.models import EventOccurrence, EventPage
from events.schedule import village

NEW_YEAR = datetime.date(2027, 1, 1)  # a Friday


@pytest.fixture
def filiatra(db):
    return LocationFactory(
        slug="test-filiatra",
        name="Φιλιατρά",
        city="Φιλιατρά",
        locative="στα Φιλιατρά",
        kind=Location.Kind.MOBILE_STOP,
        municipality=MunicipalityFactory(slug="test-trifylia", name="Τριφυλία"),
    )


def fortnightly_visit(index, stop, first_day, opens=9, closes=13, **kwargs):
    return EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        title=f"Η Κινητή Μονάδα {stop.locative}",
        location=stop,
        start=local_datetime(first_day, opens),
        end=local_datetime(first_day, closes),
        repeat="weekly",
        interval=2,
        weekdays=str(first_day.weekday()),
        **kwargs,
    )


def on(visit, day):
    return visit.occurrences.get(start__date=day)


def feed_events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def coming_weekday_holiday(days_ahead=3):
    """The next national holiday on a weekday, a few days ahead at least."""
    first = timezone.localdate() + datetime.timedelta(days=days_ahead)
    with translation.override("el"):
        holidays = calendar.national_holidays(first, first + datetime.timedelta(400))
    return next(
        (day, name) for day, name in sorted(holidays.items()) if day.weekday() < 5
    )


def test_a_visit_on_new_year_s_day_is_cancelled_with_the_reason(index, filiatra):
    visit = fortnightly_visit(index, filiatra, datetime.date(2026, 12, 4))
    new_year = on(visit, NEW_YEAR)
    assert new_year.is_cancelled and new_year.reason == "Πρωτοχρονιά"
    assert not on(visit, datetime.date(2026, 12, 18)).is_cancelled
    # Left out of the appointment form, which offers the one before.
    with translation.override("el"):
        groups = visit_groups(
            filiatra.locale_id, now=local_datetime(datetime.date(2026, 12, 17), 9)
        )
    offered = [option.visit_starts_at for _h, options in groups for option in options]
    assert local_datetime(datetime.date(2026, 12, 18), 9) in offered
    assert local_datetime(NEW_YEAR, 9) not in offered
    # The village page, read on 20 December: the next visit is 15 January.
    page = village(
        EventOccurrence.objects.live().mobile_unit_visits(),
        filiatra,
        now=local_datetime(datetime.date(2026, 12, 20), 9),
    )
    assert page.visits[0].start == local_datetime(NEW_YEAR, 9)
    assert page.next_visit.start == local_datetime(datetime.date(2027, 1, 15), 9)
    assert page.changes[0].reason == "Πρωτοχρονιά"


def test_a_holiday_visit_is_cancelled_on_every_page_form_and_feed(
    client, index, mobile_unit_page, filiatra
):
    day, name = coming_weekday_holiday()
    visit = fortnightly_visit(index, filiatra, day)
    village_html = client.get("/kiniti-monada/test-filiatra/").content.decode()
    assert name in village_html
    (item,) = [
        e
        for e in feed_events(client, "/kiniti-monada/test-filiatra/visits.ics")
        if e.decoded("dtstart").date() == day
    ]
    assert str(item["status"]) == "CANCELLED"
    assert name in str(item["description"])
    (single,) = feed_events(client, f"{visit.url}calendar.ics?date={day}")
    assert str(single["status"]) == "CANCELLED"
    with translation.override("el"):
        groups = visit_groups(filiatra.locale_id)
    assert all(
        option.visit_starts_at.date() != day
        for _heading, options in groups
        for option in options
    )


def test_shorter_hours_shorten_a_visit_and_say_why(client, index, filiatra):
    eve = datetime.date(2026, 12, 24)  # Thursday
    ClosureFactory(
        location=filiatra,
        starts_on=eve,
        kind=Closure.Kind.SHORTENED,
        closes=datetime.time(12),
        reason="Παραμονή Χριστουγέννων",
    )
    visit = fortnightly_visit(index, filiatra, eve, opens=9, closes=14)
    shortened = on(visit, eve)
    assert not shortened.is_cancelled and shortened.is_shortened
    assert shortened.local_end.time() == datetime.time(12)
    assert shortened.local_planned_end.time() == datetime.time(14)
    assert shortened.reason == "Παραμονή Χριστουγέννων"
    # The appointment form offers it with its shorter hours.
    with translation.override("el"):
        groups = visit_groups(filiatra.locale_id, now=local_datetime(eve, 8))
    labels = [option.label for _h, options in groups for option in options]
    assert any("09:00–12:00" in label for label in labels), labels
    (item,) = feed_events(client, f"{visit.url}calendar.ics?date={eve}")
    assert str(item["status"]) == "CONFIRMED"
    assert item.decoded("dtend") == local_datetime(eve, 12)
    # The same UID as the usual time, so calendars replace their copy.
    assert item["uid"].startswith(f"{visit.translation_key}-20261224T070000Z@")


def test_an_afternoon_visit_on_a_morning_only_day_is_cancelled(index, filiatra):
    eve = datetime.date(2026, 12, 31)
    ClosureFactory(
        starts_on=eve,
        kind=Closure.Kind.SHORTENED,
        closes=datetime.time(12),
        reason="Παραμονή Πρωτοχρονιάς",
    )
    visit = fortnightly_visit(index, filiatra, eve, opens=14, closes=17)
    afternoon = on(visit, eve)
    assert afternoon.is_cancelled and afternoon.reason == "Παραμονή Πρωτοχρονιάς"


def test_a_closure_entered_later_cancels_the_visit_and_its_removal_restores_it(
    index, filiatra
):
    day = datetime.date(2027, 2, 12)
    visit = fortnightly_visit(index, filiatra, datetime.date(2027, 1, 29))
    before = on(visit, day)
    assert not before.is_cancelled and before.sequence == 0
    closure = ClosureFactory(
        location=filiatra, starts_on=day, reason="Συντήρηση του οχήματος"
    )
    cancelled = on(visit, day)
    assert cancelled.is_cancelled and cancelled.reason == "Συντήρηση του οχήματος"
    assert cancelled.sequence == 1 and cancelled.modified_at >= before.modified_at
    # Dates the closure does not touch keep their revision.
    assert on(visit, datetime.date(2027, 1, 29)).sequence == 0
    closure.delete()
    restored = on(visit, day)
    assert not restored.is_cancelled and restored.sequence == 2


def test_a_closure_of_another_place_leaves_the_visit_alone(index, filiatra):
    day = datetime.date(2027, 2, 12)
    visit = fortnightly_visit(index, filiatra, day)
    ClosureFactory(location=LocationFactory(slug="allou"), starts_on=day)
    assert not on(visit, day).is_cancelled


def test_another_event_on_a_holiday_is_kept_and_its_editor_warned(index):
    centre = LocationFactory(slug="kentro-test")
    lessons = EventPageFactory(
        parent=index,
        title="Μαθήματα ελληνικών",
        location=centre,
        start=local_datetime(datetime.date(2027, 3, 18), 17),  # Thursday
        end=local_datetime(datetime.date(2027, 3, 18), 19),
        repeat="weekly",
        repeat_count=3,
    )
    independence_day = on(lessons, datetime.date(2027, 3, 25))
    assert not independence_day.is_cancelled
    with translation.override("el"):
        warned = lessons.closure_conflicts()
    assert [(o.local_start.date(), reason) for o, reason in warned] == [
        (datetime.date(2027, 3, 25), "25η Μαρτίου (Ευαγγελισμός και Εθνική Επέτειος)")
    ]
