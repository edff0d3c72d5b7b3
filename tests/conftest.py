import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from portal.factories import HomePageFactory


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home(locales):
    """A Greek home page as the root of the default site."""
    Page.objects.filter(depth=2).delete()
    page = HomePageFactory(parent=Page.get_first_root_node(), locale=locales["el"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page},
    )
    return page


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as the database starts empty."""
    from django.core.cache import cache

    cache.clear()
