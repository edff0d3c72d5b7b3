import pytest

from directory.factories import MunicipalityFactory
from events.factories import EventIndexPageFactory, MobileUnitPageFactory
from events.models import EventIndexPage, EventPage, MobileUnitPage
from tests.set_aside import module_transaction, not_transactional


def publish(page):
    page.save_revision().publish()
    return page


def delete_demo_events():
    for model in (EventPage, EventIndexPage, MobileUnitPage):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def demo_events_set_aside(django_db_setup, django_db_blocker):
    """The demo's events deleted once for the module (tests.set_aside)."""
    with module_transaction(django_db_blocker, delete_demo_events):
        yield


@pytest.fixture(autouse=True)
def no_demo_events(request, demo_events_set_aside, db):
    """These tests describe their own calendar: the seeded demo events are set
    aside, in the module's transaction and again (finding none) in the
    test's."""
    not_transactional(request)
    delete_demo_events()


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
