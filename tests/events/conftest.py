import pytest

from events.factories import EventIndexPageFactory, MobileUnitPageFactory


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def index(home):
    return publish(EventIndexPageFactory(parent=home))


@pytest.fixture
def mobile_unit_page(home):
    return publish(MobileUnitPageFactory(parent=home))


def el(msgid):
    """An interface string as a Greek visitor reads it in the HTML."""
    from django.utils.translation import gettext, override

    with override("el"):
        return gettext(msgid)
