import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import (
    LocationFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from directory.models import Location
from events.factories import EventPageFactory, local_datetime
from events.models import EventDateException, EventPage
from tests.events.conftest import el

MAX_QUERIES_PER_PAGE = 12


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def tomorrow(hour=10):
    return local_datetime(timezone.localdate() + datetime.timedelta(days=1), hour)


@pytest.fixture
def visit_stop():
    return LocationFactory(
        slug="kardamyli",
        name="Καρδαμύλη",
        kind=Location.Kind.MOBILE_STOP,
        address="Πλατεία Καρδαμύλης",
        city="Καρδαμύλη",
        municipality=MunicipalityFactory(slug="dytiki-mani", name="Δυτική Μάνη"),
    )


def test_event_page_shows_dates_place_directions_and_calendar(
    client, index, visit_stop
):
    event = EventPageFactory(
        parent=index,
        title="Ενημέρωση για το ΚΕΑ",
        start=tomorrow(10),
        end=tomorrow(12),
        location=visit_stop,
        organiser=OrganisationFactory(name="Δήμος Καλαμάτας"),
        registration_url="https://example.org/register",
        accessibility_notes="Υπάρχει ράμπα στην είσοδο.",
    )
    html = text(client.get(event.url))
    assert html.count("<h1") == 1
    assert "10:00" in html and "12:00" in html
    assert "Πλατεία Καρδαμύλης" in html
    assert "https://www.openstreetmap.org/directions?to=" in html
    # One event to add: the next date, not every date of the rule.
    assert f'href="{event.url}calendar.ics?date=' in html
    assert "https://example.org/register" in html
    assert "Υπάρχει ράμπα στην είσοδο." in html
    assert "Δήμος Καλαμάτας" in html


def test_event_page_describes_the_event_in_json_ld(client, index, visit_stop):
    event = EventPageFactory(
        parent=index,
        start=tomorrow(),
        end=tomorrow(12),
        location=visit_stop,
        organiser_name="Κέντρο Κοινότητας",
        status=EventPage.Status.CANCELLED,
    )
    data = json_ld(text(client.get(event.url)))
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["address"]["streetAddress"] == "Πλατεία Καρδαμύλης"
    assert data["organizer"]["name"] == "Κέντρο Κοινότητας"
    assert data["startDate"].startswith(tomorrow().date().isoformat())


def test_a_cancelled_or_postponed_event_says_so(client, index):
    cancelled = EventPageFactory(parent=index, status=EventPage.Status.CANCELLED)
    postponed = EventPageFactory(parent=index, status=EventPage.Status.POSTPONED)
    assert el("This event has been cancelled.") in text(client.get(cancelled.url))
    assert el("This event has been postponed; a new date will be announced.") in text(
        client.get(postponed.url)
    )


def test_a_recurring_event_lists_its_next_dates_and_a_cancelled_one(client, index):
    start = tomorrow(18)
    cancelled_day = start.date() + datetime.timedelta(weeks=1)
    event = EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_count=4,
        exceptions=[(cancelled_day, EventDateException.Kind.CANCELLED)],
    )
    html = text(client.get(event.url))
    assert el("Next dates") in html
    assert html.count("<li><time") >= 3
    assert f"({el('cancelled')})" in html


def test_an_online_event_links_to_the_meeting(client, index):
    event = EventPageFactory(parent=index, online_url="https://meet.example/kentro")
    html = text(client.get(event.url))
    assert "https://meet.example/kentro" in html
    assert json_ld(html)["location"]["@type"] == "VirtualLocation"


def test_event_page_queries_stay_within_budget(client, index, visit_stop):
    event = EventPageFactory(
        parent=index,
        location=visit_stop,
        repeat="weekly",
        organiser=OrganisationFactory(),
    )
    client.get(event.url)
    with CaptureQueriesContext(connection) as queries:
        text(client.get(event.url))
    assert len(queries) <= MAX_QUERIES_PER_PAGE


def test_mobile_unit_page_lists_visits_by_municipality_and_village(
    client, index, mobile_unit_page, visit_stop
):
    trifylia = MunicipalityFactory(slug="trifylia", name="Τριφυλία")
    filiatra = LocationFactory(
        slug="filiatra",
        name="Φιλιατρά",
        kind=Location.Kind.MOBILE_STOP,
        municipality=trifylia,
    )
    for location in (visit_stop, filiatra):
        EventPageFactory(
            parent=index,
            kind=EventPage.Kind.MOBILE_UNIT_VISIT,
            title=f"Κινητή Μονάδα: {location.name}",
            location=location,
            start=tomorrow(),
            end=tomorrow(13),
            repeat="weekly",
        )
    EventPageFactory(parent=index, title="Θεατρική παράσταση")
    client.get("/kiniti-monada/")
    with CaptureQueriesContext(connection) as queries:
        html = text(client.get("/kiniti-monada/"))
    assert len(queries) <= MAX_QUERIES_PER_PAGE
    assert html.index("Δυτική Μάνη") < html.index("Καρδαμύλη") < html.index("Τριφυλία")
    assert html.index("Τριφυλία") < html.index("Φιλιατρά")
    assert "Θεατρική παράσταση" not in html


def test_mobile_unit_page_without_visits_says_whom_to_call(client, mobile_unit_page):
    assert el(
        "No visits are scheduled at the moment. Please call the Centre to ask "
        "when the Mobile Unit comes to your village."
    ) in text(client.get("/kiniti-monada/"))


def test_home_page_shows_next_events_and_visits(
    client, index, mobile_unit_page, visit_stop
):
    EventPageFactory(parent=index, title="Ημερίδα για το ΚΕΑ", start=tomorrow(),
                     end=tomorrow(12))  # fmt: skip
    EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        title="Κινητή Μονάδα στην Καρδαμύλη",
        location=visit_stop,
        start=tomorrow(),
        end=tomorrow(12),
    )
    html = text(client.get("/"))
    assert el("Upcoming events") in html and "Ημερίδα για το ΚΕΑ" in html
    assert el("The Mobile Unit's next visits") in html
    assert 'href="/ekdiloseis/"' in html and 'href="/kiniti-monada/"' in html


def test_home_page_without_events_shows_no_empty_sections(client, home):
    html = text(client.get("/"))
    assert el("Upcoming events") not in html
    assert el("The Mobile Unit's next visits") not in html
