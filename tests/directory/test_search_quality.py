"""The shared development queries: each expected service in the top 3 of the
directory search, on whichever database the suite runs on."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import DirectoryPage, ServicePage
from directory.search import parse_filters, search
from tests.directory.test_hsds_schema import DATA_FILE, needs_data

QUERIES_FILE = Path(DATA_FILE).with_name("search-dev-queries.json")

pytestmark = [needs_data, pytest.mark.usefixtures("empty_directory")]


def test_every_dev_query_finds_its_service_in_the_top_three(home, capsys):
    call_command("import_hsds", str(DATA_FILE), stdout=io.StringIO())
    directory = DirectoryPage.objects.get()
    hsds_id = dict(ServicePage.objects.values_list("pk", "translation_key"))
    queries = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))

    misses, reciprocal_ranks = [], []
    for case in queries:
        results = search(
            directory, parse_filters({"q": case["query"]}), directory.locale_id
        )
        ranked = [str(hsds_id[pk]) for pk in results.services.ids[:10]]
        rank = ranked.index(case["expect"]) + 1 if case["expect"] in ranked else None
        reciprocal_ranks.append(1 / rank if rank else 0)
        if rank is None or rank > 3:
            misses.append((case["kind"], case["query"], case["expect_name"], rank))

    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    with capsys.disabled():
        print(f"\nDirectory search MRR on the dev queries: {mrr:.3f}")
    assert misses == []
