"""The shared development queries: each expected service in the top 3 of the
directory search, on whichever database the suite runs on (SQLite, or
PostgreSQL with DATABASE_URL). Each language prints its top-3 rate and mean
reciprocal rank, the numbers issue #19 asks to keep at 95 % and 0.9."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from directory.models import DirectoryPage, ServicePage
from directory.search import parse_filters, search
from tests.directory.test_hsds_schema import DATA_FILE, needs_data

QUERIES_FILE = Path(DATA_FILE).with_name("search-dev-queries.json")
EN_AR_QUERIES_FILE = Path(DATA_FILE).with_name("search-dev-queries-en-ar.json")
MIN_TOP_THREE = 0.95
MIN_MRR = 0.9


def current_slug(slug):
    """The slug a page has now, for the address the shared queries name: the
    demo renamed some to ELOT 743 and redirects from the old ones."""
    moved = Redirect.objects.filter(
        old_path__endswith=f"/{slug}", redirect_page__isnull=False
    ).first()
    return moved.redirect_page.slug if moved else slug


def evaluate(language, cases, rank_of, capsys):
    """Print and return (misses, top-3 rate, MRR) for cases with their ranks."""
    misses, reciprocal_ranks = [], []
    for case in cases:
        rank = rank_of(case)
        reciprocal_ranks.append(1 / rank if rank else 0)
        if rank is None or rank > 3:
            misses.append((case["kind"], case["query"], case["expect"], rank))
    top_three = 1 - len(misses) / len(cases)
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    with capsys.disabled():
        print(
            f"\nDirectory search, dev queries ({language}): "
            f"top-3 {top_three:.0%}, MRR {mrr:.3f}"
        )
    return misses, top_three, mrr


def rank_in(results, key_of, expected):
    ranked = [key_of.get(pk) for pk in results.services.ids[:10]]
    return ranked.index(expected) + 1 if expected in ranked else None


@needs_data
@pytest.mark.usefixtures("empty_directory")
def test_every_greek_dev_query_finds_its_service_in_the_top_three(home, capsys):
    call_command("import_hsds", str(DATA_FILE), stdout=io.StringIO())
    directory = DirectoryPage.objects.get()
    hsds_id = {
        pk: str(key)
        for pk, key in ServicePage.objects.values_list("pk", "translation_key")
    }
    queries = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))

    def rank_of(case):
        filters = parse_filters({"q": case["query"]})
        return rank_in(
            search(directory, filters, directory.locale_id), hsds_id, case["expect"]
        )

    misses, top_three, mrr = evaluate("el", queries, rank_of, capsys)
    assert misses == []
    assert mrr >= MIN_MRR


@needs_data
@pytest.mark.parametrize("language", ["en", "ar"])
def test_english_and_arabic_dev_queries_find_their_service(demo_site, language, capsys):
    """On the demo's translated directory (/en/, /ar/), as visitors type."""
    locale = Locale.objects.get(language_code=language)
    directory = DirectoryPage.objects.get(locale=locale)
    slugs = dict(ServicePage.objects.filter(locale=locale).values_list("pk", "slug"))
    cases = [
        case
        for case in json.loads(EN_AR_QUERIES_FILE.read_text(encoding="utf-8"))
        if case["lang"] == language
    ]

    def rank_of(case):
        filters = parse_filters({"q": case["query"]})
        expected = current_slug(case["expect"])
        return rank_in(search(directory, filters, locale.pk), slugs, expected)

    misses, top_three, mrr = evaluate(language, cases, rank_of, capsys)
    assert top_three >= MIN_TOP_THREE, misses
    assert mrr >= MIN_MRR, misses
