import pytest

from directory.factories import MunicipalityFactory
from events.factories import EventIndexPageFactory, MobileUnitPageFactory
from events.models import EventIndexPage, EventPage, MobileUnitPage


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def no_demo_events(db):
    """These tests describe their own calendar: the seeded demo events are set
    aside inside the test's transaction."""

    for model in (EventPage, EventIndexPage, MobileUnitPage):
        model.objects.all().delete()


@pytest.fixture
def index(home):
    return publish(EventIndexPageFactory(parent=home))


@pytest.fixture
def mobile_unit_page(home):
    return publish(MobileUnitPageFactory(parent=home))


@pytest.fixture
def mani(db):
    """A municipality of the Mobile Unit's villages."""
    return MunicipalityFactory(slug="v-mani", name="Δυτική Μάνη")


def el(msgid):
    """An interface string as a Greek visitor reads it in the HTML."""
    from django.utils.html import escape
    from django.utils.translation import gettext, override

    with override("el"):
        return escape(gettext(msgid))
