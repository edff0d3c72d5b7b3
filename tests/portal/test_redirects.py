"""Editors may rename or move a page without breaking the links people kept
(issue #25): Wagtail's redirects app records the old address on a slug change
or a move, and the old address answers 301 to the new one, in every
language (``/…``, ``/en/…``, ``/ar/…``)."""

import pytest
from wagtail.models import Locale, Page

from directory.models import ServicePage
from portal.models import StandardPage

LANGUAGES = ("el", "en", "ar")


def in_every_language(page):
    return [
        page.get_translation(Locale.objects.get(language_code=language)).specific
        for language in LANGUAGES
    ]


def assert_moved(client, old_url, page):
    page.refresh_from_db()
    assert page.url != old_url
    response = client.get(old_url)
    assert response.status_code == 301, old_url
    assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200


@pytest.mark.parametrize("index", range(len(LANGUAGES)))
def test_a_renamed_service_answers_from_its_old_address(
    client, demo_site, index, django_capture_on_commit_callbacks
):
    service = next(
        page
        for page in ServicePage.objects.live().filter(locale__language_code="el")
        if all(t.live for t in page.get_translations())
        and page.get_translations().count() == len(LANGUAGES) - 1
    )
    page = in_every_language(service)[index]
    old_url = page.url
    assert old_url.startswith("/" if index == 0 else f"/{LANGUAGES[index]}/")
    page.slug = f"{page.slug}-neo"
    # Wagtail sends page_slug_changed once the publish is committed.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert_moved(client, old_url, page)


def test_a_moved_page_answers_from_its_old_address_in_every_language(client, demo_site):
    home = demo_site.root_page
    pages = [
        page
        for page in StandardPage.objects.child_of(home).live().order_by("path")
        if page.get_translations().filter(live=True).count() == len(LANGUAGES) - 1
    ]
    moved, new_parent = pages[0], pages[1]
    for language, page, parent in zip(
        LANGUAGES,
        in_every_language(moved),
        in_every_language(new_parent),
        strict=True,
    ):
        old_url = page.url
        page.move(parent, pos="last-child")
        page = Page.objects.get(pk=page.pk).specific
        assert page.url.startswith(parent.url), language
        assert_moved(client, old_url, page)
