"""Serving a page with fewer queries (#21, core.routing and
core.privacy.PrivacyCheckedPageMixin): an address kept per process leads to
the page it led to, and never to a page that has moved, been renamed,
unpublished or deleted, or that is restricted since, alias or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core import chrome, routing
from portal.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(db):
    """A Greek standard page of the demo, under the home page."""
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(title="Ώρες λειτουργίας", slug="ores", intro="Κάθε μέρα.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def queries(client, url):
    """(response, the number of database queries it took)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_kept_address_costs_one_query_for_its_page(client, page):
    first, before = queries(client, "/ores/")
    again, after = queries(client, "/ores/")
    assert first.status_code == again.status_code == 200
    assert "Κάθε μέρα." in again.content.decode()
    # Wagtail's walk (site, locale, translation, two a level) and its
    # restriction check (two) become one query for the page.
    assert after <= before - 5


def leads_away(response, new_address):
    """The old address no longer serves the page: "not found", or Wagtail's
    automatic redirect to its new address."""
    if response.status_code == 301:
        return response["Location"] == new_address
    return response.status_code == 404


def test_a_renamed_page_leaves_its_old_address(client, page):
    assert client.get("/ores/").status_code == 200
    page.slug = "ores-leitourgias"
    page.save_revision().publish()
    assert leads_away(client.get("/ores/"), "/ores-leitourgias/")
    assert client.get("/ores-leitourgias/").status_code == 200


def test_a_moved_page_leaves_its_old_address(client, page):
    parent = StandardPage(title="Σχετικά", slug="schetika")
    page.get_parent().add_child(instance=parent)
    parent.save_revision().publish()
    assert client.get("/ores/").status_code == 200
    page.move(parent, pos="last-child")
    assert leads_away(client.get("/ores/"), "/schetika/ores/")
    assert client.get("/schetika/ores/").status_code == 200


def test_an_unpublished_or_deleted_page_is_gone(client, page):
    assert client.get("/ores/").status_code == 200
    page.unpublish()
    assert client.get("/ores/").status_code == 404
    page.save_revision().publish()
    assert client.get("/ores/").status_code == 200
    page.delete()
    assert client.get("/ores/").status_code == 404


def test_a_kept_address_is_checked_even_without_a_new_version(
    client, page, monkeypatch
):
    """Should a version bump be lost (the shared cache emptied and refilled
    at the same value), the kept page is still checked when fetched."""
    assert client.get("/ores/").status_code == 200
    monkeypatch.setattr(chrome, "bump", lambda *args, **kwargs: None)
    Page.objects.filter(pk=page.pk).update(live=False)
    assert client.get("/ores/").status_code == 404


def test_a_page_restricted_after_its_address_was_kept_asks_for_the_password(
    client, page
):
    assert client.get("/ores/").status_code == 200
    restrict(page)
    assert asks_for_password(client.get("/ores/"))


def restrict(page):
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="a-secret",  # noqa: S106
    )


def asks_for_password(response):
    html = response.content.decode()
    return 'name="password"' in html and "Κάθε μέρα." not in html


def test_an_alias_of_a_page_restricted_later_is_restricted(client, page):
    """Wagtail gives an alias its source's restrictions; the cached list of
    restricted pages must know it, or Wagtail's check would be skipped."""
    page.create_alias(update_slug="ores-antigrafo")
    assert client.get("/ores-antigrafo/").status_code == 200
    restrict(page)
    assert asks_for_password(client.get("/ores-antigrafo/"))


def test_a_new_alias_of_a_restricted_pages_translation_is_restricted(client, page):
    """A restriction holds for a page's translations (core.privacy); an alias
    of the translation, made after the list of restricted pages was kept,
    must join the list."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    english.refresh_from_db()
    restrict(page)
    assert asks_for_password(client.get("/en/ores/"))  # the list is kept
    english.create_alias(update_slug="ores-antigrafo")
    assert asks_for_password(client.get("/en/ores-antigrafo/"))


def test_junk_addresses_are_not_kept(client, page):
    client.get("/ores/")
    kept = len(routing._kept["routes"])
    for number in range(50):
        assert client.get(f"/ores-{number}/").status_code == 404
    assert len(routing._kept["routes"]) == kept


def test_the_kept_addresses_are_bounded(client, page, monkeypatch):
    monkeypatch.setattr(routing, "MAX_ROUTES", 2)
    for url in ("/", "/ores/", "/en/", "/ar/"):
        assert client.get(url).status_code == 200
        assert len(routing._kept["routes"]) <= 2


def test_each_site_serves_its_own_home_page(client, page, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kentro.example"]
    Site.objects.create(hostname="kentro.example", port=80, root_page=page)
    assert "Κάθε μέρα." in client.get("/", HTTP_HOST="kentro.example").content.decode()
    assert "Κάθε μέρα." not in client.get("/").content.decode()
