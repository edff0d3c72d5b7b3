"""The Mobile Unit seen from the directory: its stops' pages show the next
visits there and what is offered, the directory points to the schedule and
the schedule points back to each stop."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import (
    DirectoryPageFactory,
    LocationFactory,
    MunicipalityFactory,
    ServiceAtLocationFactory,
    ServicePageFactory,
)
from directory.models import Location
from events import caching
from events.factories import EventPageFactory, local_datetime
from events.models import EventPage
from tests.events.conftest import el

MAX_QUERIES_PER_PAGE = 12


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def in_days(days, hour=10):
    return local_datetime(timezone.localdate() + datetime.timedelta(days=days), hour)


@pytest.fixture
def directory(home):
    return DirectoryPageFactory(parent=home)


@pytest.fixture
def mani():
    return MunicipalityFactory(slug="test-mani", name="Δυτική Μάνη")


@pytest.fixture
def kardamyli(mani):
    return LocationFactory(
        slug="test-kardamyli",
        name="Καρδαμύλη",
        kind=Location.Kind.MOBILE_STOP,
        municipality=mani,
    )


def visit(index, location, days=1, **kwargs):
    return EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        title=kwargs.pop("title", f"Η Κινητή Μονάδα: {location.name}"),
        location=location,
        start=in_days(days, 9),
        end=in_days(days, 13),
        **kwargs,
    )


def test_a_stop_page_shows_the_next_visits_there_and_what_is_offered(
    client, index, mobile_unit_page, directory, kardamyli, mani
):
    stoupa = LocationFactory(
        slug="test-stoupa", kind=Location.Kind.MOBILE_STOP, municipality=mani
    )
    visit(index, kardamyli, days=2, repeat="weekly", repeat_count=3)
    visit(index, stoupa, title="Στάση στη Στούπα")
    visit(index, kardamyli, days=-7, title="Περασμένη επίσκεψη")
    service = ServicePageFactory(
        parent=directory, slug="enimerosi-kea", title="Ενημέρωση για το ΚΕΑ"
    )
    ServiceAtLocationFactory(service=service, location=kardamyli)

    html = text(client.get(directory.url + "topothesies/test-kardamyli/"))
    assert el("The Mobile Unit's next visits here") in html
    assert html.count("Η Κινητή Μονάδα: Καρδαμύλη") == 3
    assert "Στάση στη Στούπα" not in html and "Περασμένη επίσκεψη" not in html
    assert f'datetime="{in_days(2, 9).isoformat()}"' in html
    assert 'href="/kiniti-monada/"' in html
    assert el("Services offered here") in html and "Ενημέρωση για το ΚΕΑ" in html


def test_a_stop_without_visits_says_whom_to_ask(
    client, index, mobile_unit_page, directory, kardamyli
):
    html = text(client.get(directory.url + "topothesies/test-kardamyli/"))
    assert (
        el(
            "No visits are scheduled here at the moment. Please call the Centre "
            "to ask when the Mobile Unit comes next."
        )
        in html
    )
    assert 'href="/kiniti-monada/"' in html


def test_an_office_page_has_no_mobile_unit_section(client, index, directory):
    LocationFactory(slug="grafeio", kind=Location.Kind.OFFICE)
    html = text(client.get(directory.url + "topothesies/grafeio/"))
    assert el("The Mobile Unit's next visits here") not in html


def test_the_directory_points_to_the_mobile_unit_schedule(
    client, mobile_unit_page, directory
):
    html = text(client.get(directory.url))
    assert el("See where the Mobile Unit will be next") in html
    assert 'href="/kiniti-monada/"' in html


def test_no_pointer_when_there_is_no_schedule_page(client, directory):
    html = text(client.get(directory.url))
    assert el("See where the Mobile Unit will be next") not in html


def test_the_schedule_links_each_village_and_the_village_its_directory_page(
    client, index, mobile_unit_page, directory, kardamyli
):
    visit(index, kardamyli)
    html = text(client.get("/kiniti-monada/"))
    assert 'href="/kiniti-monada/test-kardamyli/"' in html
    village = text(client.get("/kiniti-monada/test-kardamyli/"))
    assert 'href="/programmata-ypiresies/topothesies/test-kardamyli/"' in village
    assert el("What is offered at this stop") in village
    # And the stop's directory page leads back to its village page.
    stop_page = text(client.get(directory.url + "topothesies/test-kardamyli/"))
    assert 'href="/kiniti-monada/test-kardamyli/"' in stop_page


def test_the_schedule_without_a_directory_links_nowhere(
    client, index, mobile_unit_page, kardamyli
):
    visit(index, kardamyli)
    html = text(client.get("/kiniti-monada/"))
    assert "Καρδαμύλη" in html
    village = text(client.get("/kiniti-monada/test-kardamyli/"))
    assert "topothesies" not in html and "topothesies" not in village


def test_a_new_visit_shows_on_the_stop_page_at_once(
    client, index, mobile_unit_page, directory, kardamyli
):
    url = directory.url + "topothesies/test-kardamyli/"
    assert "Νέα επίσκεψη" not in text(client.get(url))
    visit(index, kardamyli, title="Νέα επίσκεψη")
    assert "Νέα επίσκεψη" in text(client.get(url))


def test_stop_and_directory_pages_add_no_queries_once_warm(
    client, index, mobile_unit_page, directory, kardamyli
):
    """The visits and the schedule's address are cached: a warm page reads
    what the directory alone reads, however many visits there are."""
    url = directory.url + "topothesies/test-kardamyli/"

    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            text(client.get(path))
        return len(queries)

    visit(index, kardamyli)
    few = {path: count(path) for path in (url, directory.url)}
    for number in range(8):
        visit(index, kardamyli, days=3 + number, slug=f"episkepsi-{number}")
    assert {path: count(path) for path in (url, directory.url)} == few
    caching.retire()
    with CaptureQueriesContext(connection) as cold:
        text(client.get(url))
    assert len(cold) <= few[url] + 2  # the visits and the schedule page
