import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from goods.models import NeedItem, NeedsPage
from tests.appointments.conftest import make_user
from tests.staff import login_staff


@pytest.fixture
def demo_needs_page(demo_site):
    """The demo's Greek needs page (seed_demo builds it in el, en and ar)."""
    return NeedsPage.objects.get(locale__language_code="el")


@pytest.fixture
def age_list():
    """Make every item of the list look last changed ``days`` ago."""

    def age(days):
        NeedItem.objects.update(
            updated_at=timezone.now() - datetime.timedelta(days=days)
        )

    return age


def page_url(page, language):
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code=language
    ).url


def login_as(client, role):
    """A member of a staff group ("Editors", "Caseworkers", ...), signed in."""
    user = make_user(role)
    login_staff(client, user)
    return user
