"""The English and Arabic directories list every service: one not yet
translated appears by its Greek page, marked as such in the visitor's
language, and is found by the directory's search (#18)."""

import re

import pytest

from directory.models import DirectoryPage, ServicePage

UNTRANSLATED = "koinoniko-oikiako-timologio"  # the social electricity tariff
MARK = {"en": "(in Greek)", "ar": "(باليونانية)"}


def directory(code):
    return DirectoryPage.objects.get(locale__language_code=code)


def entries(html):
    """(lang of the entry, its text) of each service in a list of results."""
    return re.findall(
        r'<article class="service-summary"( lang="el")?[^>]*>(.*?)</article>',
        html,
        re.S,
    )


def all_entries(client, url):
    found, number = [], 1
    while True:
        html = client.get(url, {"page": number}).content.decode()
        found += entries(html)
        if f"page={number + 1}" not in html:
            return found
        number += 1


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_service_is_listed_untranslated_ones_marked_in_greek(
    client, demo_site, code
):
    greek = directory("el").listed_services().count()
    assert ServicePage.objects.filter(locale__language_code=code).count() < greek
    found = all_entries(client, directory(code).url)
    assert len(found) == greek
    marked = [text for lang, text in found if lang]
    unmarked = [text for lang, text in found if not lang]
    assert marked and unmarked
    assert all(MARK[code] in text for text in marked)
    assert not any(MARK[code] in text for text in unmarked)
    tariff = ServicePage.objects.get(slug=UNTRANSLATED, locale__language_code="el")
    (entry,) = [text for text in marked if tariff.title in text]
    # It leads to the Greek page, which says why it is in Greek.
    assert f'href="{tariff.url}?untranslated={code}"' in entry
    note = client.get(f"{tariff.url}?untranslated={code}").content.decode()
    assert f'class="language-note" role="status" lang="{code}"' in note


@pytest.mark.parametrize(("code", "query"), [("en", "electricity"), ("ar", "كهرباء")])
def test_a_search_in_the_visitors_language_finds_the_untranslated_service(
    client, demo_site, code, query
):
    tariff = ServicePage.objects.get(slug=UNTRANSLATED, locale__language_code="el")
    html = client.get(directory(code).url, {"q": query}).content.decode()
    assert tariff.title in html
    assert MARK[code] in html


def test_facets_count_untranslated_services_too(client, demo_site):
    greek = client.get(directory("el").url, {"category": "logariasmoi"})
    english = client.get(directory("en").url, {"category": "logariasmoi"})
    counts = [
        re.search(r'<h2 id="results-heading">(\d+)', r.content.decode()).group(1)
        for r in (greek, english)
    ]
    assert counts[0] == counts[1]
    tariff = ServicePage.objects.get(slug=UNTRANSLATED, locale__language_code="el")
    assert tariff.title in english.content.decode()


def test_a_translated_service_is_listed_once_in_its_own_language(client, demo_site):
    english = ServicePage.objects.filter(locale__language_code="en").first()
    greek = english.get_translation(directory("el").locale)
    found = all_entries(client, directory("en").url)
    assert sum(english.title in text for _lang, text in found) == 1
    assert not any(greek.title in text for _lang, text in found)


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize(
    "route", ["foreis/dimos-kalamatas", "topothesies/kentro-koinotitas"]
)
def test_organisation_and_location_pages_list_every_service(
    client, demo_site, code, route
):
    greek = all_entries(client, f"{directory('el').url}{route}/")
    found = all_entries(client, f"{directory(code).url}{route}/")
    assert len(found) == len(greek)
    languages = [lang.strip() for lang, _text in found]
    # Those in the visitor's language first, then those still in Greek, marked.
    assert "" in languages and 'lang="el"' in languages
    assert languages == sorted(languages)
    for lang, text in found:
        assert (MARK[code] in text) == bool(lang)
    # No service twice: a translated one is not listed by its Greek page too.
    titles = [re.search(r"<a [^>]*>([^<]+)</a>", text).group(1) for _, text in found]
    assert len(set(titles)) == len(titles)
    greek_titles = {
        re.search(r"<a [^>]*>([^<]+)</a>", text).group(1) for _lang, text in greek
    }
    assert {
        title for lang, title in zip(languages, titles, strict=True) if lang
    } <= greek_titles
