import io

import pytest
from django.core.management import call_command

from directory.models import Location
from events.models import EventOccurrence, EventPage
from tests.events.conftest import el


def test_demo_builds_events_and_mobile_unit_rounds_once(demo_site):
    events = EventPage.objects.live()
    assert events.count() >= 20
    visits = events.filter(kind=EventPage.Kind.MOBILE_UNIT_VISIT)
    municipalities = set(visits.values_list("location__municipality__slug", flat=True))
    assert municipalities == {"dytiki-mani", "oichalia", "trifylia"}
    greek_stops = Location.objects.filter(locale__language_code="el")
    assert greek_stops.filter(kind=Location.Kind.MOBILE_STOP).count() == 6
    assert events.filter(status=EventPage.Status.POSTPONED).exists()
    assert events.filter(title__contains="ΚΕΑ").exists()
    # One visit cancelled by its editor; the English and Arabic rounds
    # (portal/demo/translations.json) keep it too.
    cancelled = EventOccurrence.objects.filter(status="cancelled")
    by_editor = cancelled.filter(reason="Συντήρηση του οχήματος")
    assert by_editor.filter(event__locale__language_code="el").count() == 1
    assert cancelled.filter(event__title__contains="Κινητή").count() == (
        cancelled.filter(event__locale__language_code="el").count()
    )
    # Others fall on holidays or closures: cancelled, and saying why.
    assert all(visit.reason for visit in cancelled)

    counts = (EventPage.objects.count(), EventOccurrence.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (EventPage.objects.count(), EventOccurrence.objects.count()) == counts


def test_demo_pages_answer(client, demo_site):
    for url in ("/ekdiloseis/", "/ekdiloseis/?view=month", "/kiniti-monada/", "/"):
        assert client.get(url).status_code == 200
    html = client.get("/kiniti-monada/").content.decode()
    assert "Δυτική Μάνη" in html and "Καρδαμύλη" in html and "Φιλιατρά" in html
    village = client.get("/kiniti-monada/kinito-meligalas/").content.decode()
    assert "Η Κινητή Μονάδα στον Μελιγαλά" in village
    # The sentence comes from the rule (weekly on Tuesdays), never typed.
    assert "Η Κινητή Μονάδα έρχεται στον Μελιγαλά κάθε Τρίτη, 09:00–13:00." in village
    home = client.get("/").content.decode()
    assert el("Upcoming events") in home


def test_seed_demo_adds_synthetic_events_once(demo_site):
    call_command("seed_demo", "--events", "12", stdout=io.StringIO())
    synthetic = EventPage.objects.live().filter(slug__startswith="synthetic-")
    assert synthetic.count() == 12
    # Every tenth is a weekly event of 8 dates.
    assert EventOccurrence.objects.filter(event__in=synthetic).count() == 10 + 2 * 8
    call_command("seed_demo", "--events", "12", stdout=io.StringIO())
    assert synthetic.count() == 12


@pytest.fixture
def no_demo_events():
    """The demo's events are what these tests look at."""
