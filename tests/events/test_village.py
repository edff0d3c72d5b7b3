""" "My village": the Mobile Unit's page starts with a picker of villages;
a village's page shows its next visit, how often the unit comes (a sentence
made from the rule), the following dates, one-event downloads and a feed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from directory.factories import LocationFactory
from directory.models import Location
from events import caching, schedule
from events.factories import EventPageFactory, local_datetime
from events.models import EventPage
from tests.events.conftest import el

MAX_QUERIES_PER_PAGE = 12


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def next_weekday(weekday, after=1):
    day = timezone.localdate() + datetime.timedelta(days=after)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def stop(slug, name, locative, municipality):
    return LocationFactory(
        slug=slug,
        name=f"Κινητή Μονάδα – {name}",
        city=name,
        locative=locative,
        kind=Location.Kind.MOBILE_STOP,
        municipality=municipality,
        address=f"Πλατεία, {name}",
    )


def round_of_visits(index, place, weekday, opens, closes, weeks=1, **kwargs):
    day = next_weekday(weekday)
    return EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        title=f"Η Κινητή Μονάδα {place.locative}",
        location=place,
        start=local_datetime(day, opens),
        end=local_datetime(day, closes),
        repeat="weekly",
        interval=weeks,
        weekdays=str(weekday),
        **kwargs,
    )


@pytest.fixture
def kardamyli(index, mani):
    place = stop("v-kardamyli", "Καρδαμύλη", "στην Καρδαμύλη", mani)
    round_of_visits(index, place, 0, 9, 13)
    return place


@pytest.fixture
def stoupa(index, mani):
    place = stop("v-stoupa", "Στούπα", "στη Στούπα", mani)
    round_of_visits(index, place, 0, 14, 17, weeks=2)
    return place


def test_the_picker_is_a_plain_get_form_of_villages_by_municipality(
    client, mobile_unit_page, kardamyli, stoupa
):
    html = text(client.get("/kiniti-monada/"))
    assert '<form class="village-picker" method="get" action="/kiniti-monada/">' in html
    assert '<optgroup label="Δυτική Μάνη">' in html
    assert '<option value="v-kardamyli">Καρδαμύλη</option>' in html
    assert 'href="/kiniti-monada/v-stoupa/"' in html
    response = client.get("/kiniti-monada/?stop=v-stoupa")
    assert response.status_code == 302
    assert response["Location"] == "/kiniti-monada/v-stoupa/#main-content"


@pytest.mark.parametrize("value", ["nowhere", "x" * 500, "<script>", "%00"])
def test_an_unknown_village_gets_the_picker_again_with_a_message(
    client, mobile_unit_page, kardamyli, value
):
    html = text(client.get("/kiniti-monada/", {"stop": value}))
    assert el("That village was not found. Please choose it from the list.") in html
    assert client.get("/kiniti-monada/nowhere/").status_code == 404


def test_a_village_page_leads_with_its_next_visit_and_its_schedule(
    client, mobile_unit_page, kardamyli, stoupa
):
    html = text(client.get("/kiniti-monada/v-stoupa/"))
    assert html.count("<h1") == 1 and "Η Κινητή Μονάδα στη Στούπα</h1>" in html
    first = local_datetime(next_weekday(0), 14)
    assert html.index(el("Next visit")) < html.index(f'datetime="{first.isoformat()}"')
    # The sentence comes from the rule, in Greek with the place's form.
    assert (
        "Η Κινητή Μονάδα έρχεται στη Στούπα ανά δύο εβδομάδες (Δευτέρα), 14:00–17:00."
        in html
    )
    assert "Καρδαμύλη" not in html.split("<main", 1)[1]
    assert 'href="webcal://testserver/kiniti-monada/v-stoupa/visits.ics"' in html
    assert f'href="/kiniti-monada/v-stoupa/{first.date()}.ics" download' in html
    # Each link to add a date names its date: no ten links alike.
    following = local_datetime(next_weekday(0) + datetime.timedelta(weeks=2), 14)
    assert f'href="/kiniti-monada/v-stoupa/{following.date()}.ics"' in html


def test_the_sentence_for_every_week_and_in_english(kardamyli):
    event = EventPage.objects.get(location=kardamyli)
    event.location = kardamyli
    with translation.override("el"):
        assert schedule.schedule_sentence(event) == (
            "Η Κινητή Μονάδα έρχεται στην Καρδαμύλη κάθε Δευτέρα, 09:00–13:00."
        )
    kardamyli.locative = "in Kardamyli"
    with translation.override("en"):
        assert schedule.schedule_sentence(event) == (
            "The Mobile Unit comes in Kardamyli every Monday, 09:00–13:00."
        )
    kardamyli.locative = ""
    with translation.override("en"):
        assert schedule.schedule_sentence(event) == (
            "The Mobile Unit comes every Monday, 09:00–13:00."
        )
        assert str(schedule.visit_title(kardamyli)) == "The Mobile Unit: Καρδαμύλη"


def test_a_village_page_stays_within_the_query_budget(
    client, index, mobile_unit_page, kardamyli
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            text(client.get("/kiniti-monada/v-kardamyli/"))
        return len(queries)

    text(client.get("/kiniti-monada/v-kardamyli/"))  # the site's chrome cached
    caching.retire()
    few = count()
    for number in range(5):
        round_of_visits(index, kardamyli, number % 5, 9, 12, slug=f"more-{number}")
    text(client.get("/kiniti-monada/v-kardamyli/"))  # publishing renews the chrome
    caching.retire()
    assert count() == few <= MAX_QUERIES_PER_PAGE


def test_the_home_page_s_next_visits_link_to_their_village(
    client, home, mobile_unit_page, kardamyli
):
    html = text(client.get("/"))
    assert 'href="/kiniti-monada/v-kardamyli/">Καρδαμύλη</a>' in html


def test_one_visit_downloads_as_one_event(client, mobile_unit_page, stoupa):
    import icalendar

    day = next_weekday(0)
    response = client.get(f"/kiniti-monada/v-stoupa/{day}.ics")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == local_datetime(day, 14)
    # No visit that day, or no such day: not found.
    tuesday = day + datetime.timedelta(days=1)
    assert client.get(f"/kiniti-monada/v-stoupa/{tuesday}.ics").status_code == 404
    assert client.get("/kiniti-monada/v-stoupa/2027-02-30.ics").status_code == 404


def test_the_village_feed_holds_only_that_village(
    client, mobile_unit_page, kardamyli, stoupa
):
    import icalendar

    body = client.get("/kiniti-monada/v-stoupa/visits.ics").content
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert events and {str(e["summary"]) for e in events} == {
        "Η Κινητή Μονάδα στη Στούπα"
    }


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        (5, "το πρώτο Σάββατο κάθε μήνα"),  # Σάββατο is neuter
        (1, "την πρώτη Τρίτη κάθε μήνα"),  # the other days are feminine
    ],
)
def test_a_monthly_sentence_agrees_with_the_day_in_greek(weekday, expected):
    event = EventPage(repeat="monthly", week_of_month=1, weekdays=str(weekday))
    event.start = local_datetime(next_weekday(weekday), 10)
    with translation.override("el"):
        assert schedule.how_often(event) == expected
