import io

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
    assert Location.objects.filter(kind=Location.Kind.MOBILE_STOP).count() == 6
    assert events.filter(status=EventPage.Status.POSTPONED).exists()
    assert events.filter(title__contains="ΚΕΑ").exists()
    assert EventOccurrence.objects.filter(status="cancelled").count() == 1

    counts = (EventPage.objects.count(), EventOccurrence.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (EventPage.objects.count(), EventOccurrence.objects.count()) == counts


def test_demo_pages_answer(client, demo_site):
    for url in ("/ekdiloseis/", "/ekdiloseis/?view=month", "/kiniti-monada/", "/"):
        assert client.get(url).status_code == 200
    html = client.get("/kiniti-monada/").content.decode()
    assert "Δυτική Μάνη" in html and "Καρδαμύλη" in html and "Φιλιατρά" in html
    home = client.get("/").content.decode()
    assert el("Upcoming events") in home
