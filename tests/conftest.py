import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal.factories import HomePageFactory
from tests import migrated
from tests.set_aside import is_transactional


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo centre is built once; each test runs in a transaction that is
    rolled back, so every test sees it as built and none sees another's data.
    (Browser tests use a live server, whose flushes are handled there.)"""
    with django_db_blocker.unblock():
        migrated.remember()
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _migrated_rows_after_a_flush(request):
    """A transactional test starts with the rows the migrations made, even
    when the one before it in this worker flushed them."""
    if is_transactional(request):
        request.getfixturevalue("transactional_db")
        migrated.restore()


@pytest.fixture
def home(locales):
    """A Greek home page of its own as the root of the default site."""
    page = HomePageFactory(
        parent=Page.get_first_root_node(), slug="test-home", locale=locales["el"]
    )
    # A transactional test before this one may have flushed the Site away.
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page},
    )
    return page


@pytest.fixture
def demo_site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, as a visitor's first request
    does: the test client's last request leaves its language active in the
    worker's thread (Django's LocaleMiddleware never deactivates it), and a
    test that formats text without a request would read it in Arabic."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as the database starts empty."""
    from django.core.cache import cache

    cache.clear()
