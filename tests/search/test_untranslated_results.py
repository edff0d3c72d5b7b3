"""Site search on /en/ and /ar/ finds the pages not yet translated too, by
their Greek page, marked as such in the visitor's language (#18)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import ServicePage
from tests.portal.test_demo_translations import GREEK_LETTERS, main_text

TARIFF = "koinoniko-oikiako-timologio"  # the social electricity tariff, Greek only
MARK = {"en": "(in Greek)", "ar": "(باليونانية)"}
# Words of the visitor's language that name the tariff's topic only.
ELECTRICITY = {"en": "electricity", "ar": "كهرباء"}
MAX_QUERIES = 12  # design.md, section 6


def results(client, code, query):
    """(the result's <h3>, its snippet paragraph or "") for each result."""
    prefix = "" if code == "el" else f"/{code}"
    response = client.get(f"{prefix}/anazitisi/", {"q": query})
    assert response.status_code == 200
    return re.findall(
        r'<li class="search-result">.*?(<h3 class="search-result__title">.*?</h3>)'
        r'\s*(<p class="search-result__snippet".*?</p>)?',
        response.content.decode(),
        re.S,
    )


def greek(slug):
    return ServicePage.objects.get(slug=slug, locale__language_code="el")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_word_of_the_visitors_language_finds_the_untranslated_service_marked(
    client, demo_site, code
):
    tariff = greek(TARIFF)
    assert not tariff.get_translations().filter(locale__language_code=code).exists()
    found = results(client, code, ELECTRICITY[code])
    (heading, snippet) = next(
        (heading, snippet) for heading, snippet in found if tariff.title in heading
    )
    # The link leads to the Greek page, whose title is marked as Greek...
    assert (
        f'<a href="{tariff.url}?untranslated={code}" hreflang="el" lang="el" '
        f'dir="ltr">{tariff.title}</a>'
    ) in heading
    # ...followed by "(in Greek)" in the visitor's language, outside the lang="el".
    assert heading.endswith(f"</a> {_mark(code)}</h3>")
    assert snippet.startswith('<p class="search-result__snippet" lang="el" dir="ltr">')
    # Translated results come first and carry no mark.
    translated = [heading for heading, _snippet in found if MARK[code] not in heading]
    assert translated
    assert found[0][0] in translated
    assert not any('lang="el"' in heading for heading in translated)


def _mark(code):
    return f'<span class="search-result__language">{MARK[code]}</span>'


@pytest.mark.parametrize("code", ["en", "ar"])
def test_greek_words_on_the_translated_search_find_the_greek_only_page(
    client, demo_site, code
):
    pharmacy = greek("koinoniko-farmakeio")
    found = results(client, code, "φαρμακείο")
    assert any(
        pharmacy.title in heading and MARK[code] in heading for heading, _ in found
    )


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_translated_page_is_found_once_in_the_visitors_language(
    client, demo_site, code
):
    heating = greek("epidoma-thermansis")
    translation = heating.get_translations().get(locale__language_code=code)
    # "ρεύμα" is in the Greek text of the tariff (not translated) and of the
    # heating allowance (translated): only the tariff comes in Greek.
    headings = [heading for heading, _snippet in results(client, code, "ρεύμα")]
    assert any(greek(TARIFF).title in heading for heading in headings)
    assert not any(f">{heating.title}<" in found for found in headings)
    headings = [heading for heading, _ in results(client, code, translation.title)]
    assert sum(f">{translation.title}<" in found for found in headings) == 1
    assert not any(f">{heating.title}<" in found for found in headings)


def test_the_greek_search_is_unchanged(client, demo_site):
    found = results(client, "el", "ρεύμα")
    assert found
    assert not any('lang="el"' in heading for heading, _snippet in found)


def test_an_unpublished_translation_leaves_the_greek_page_found(client, demo_site):
    heating = greek("epidoma-thermansis")
    translation = heating.get_translations().get(locale__language_code="en")
    translation.unpublish()
    found = results(client, "en", "ρεύμα")
    assert any(f">{heating.title}</a> {_mark('en')}" in heading for heading, _ in found)


def test_the_search_stays_within_the_query_budget(client, demo_site):
    client.get("/en/anazitisi/", {"q": ELECTRICITY["en"]})  # fills the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/anazitisi/", {"q": "electricity water"})
    assert response.status_code == 200
    assert len(queries) <= MAX_QUERIES


@pytest.mark.parametrize(
    "url",
    [
        "/en/anazitisi/?q=electricity",
        "/en/anazitisi/?q=ΑΜΚΑ",
        "/en/programmata-ypiresies/foreis/dimos-kalamatas/",
        "/en/programmata-ypiresies/topothesies/kentro-koinotitas/",
    ],
)
def test_greek_on_english_pages_is_only_where_marked_as_greek(client, demo_site, url):
    html = client.get(url).content.decode()
    assert 'lang="el"' in html
    if "?q=" in url:  # the query, in the heading and the search box, aside
        html = html.replace("ΑΜΚΑ", "")
    assert GREEK_LETTERS.findall(main_text(html)) == []
