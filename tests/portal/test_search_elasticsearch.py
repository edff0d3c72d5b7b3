"""Elasticsearch: the generated settings, mapping and queries without a server,
the same results as the database, and a real server when ELASTICSEARCH_URL is
set."""

import json
import os
import subprocess
import sys

import pytest
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from directory.models import ServicePage
from portal import search_elasticsearch, searchengine, searchindex
from portal.models import SearchTerm

QUERIES = [
    "επιδομα στεγασης",
    "ΚΕΑ",
    "epidoma thermansis",
    "παντοπολειο",
    "βοήθεια στο σπίτι",
    "ψυχολογος",
    "ενοικιο",
]


class FakeElasticsearch:
    """Answers the lookups the engine sends, from the database's rows, the way
    Elasticsearch evaluates a bool query of terms filters."""

    def __init__(self):
        rows = {}
        for row in SearchTerm.objects.all():
            rows.setdefault((row.page_id, row.locale_id), []).append(
                (row.term, row.key, row.weight)
            )
        self.documents = [
            search_elasticsearch.document(page_id, locale_id, page_rows)
            for (page_id, locale_id), page_rows in rows.items()
        ]
        self.requests = []

    def search(self, index, **body):
        json.dumps(body)  # what is sent must be JSON
        self.requests.append((index, body))
        query = body["query"]["bool"]
        locale_id = query["filter"][0]["term"]["locale_id"]
        wanted = [next(iter(clause["terms"].items())) for clause in query["should"]]
        hits = [
            {"_source": {"page_id": doc["page_id"], "rows": doc["rows"]}}
            for doc in self.documents
            if doc["locale_id"] == locale_id
            and any(set(doc[field]) & set(values) for field, values in wanted)
        ]
        return {"hits": {"hits": hits[: body["size"]]}}


def test_wagtails_elasticsearch_indexes_analyse_greek():
    backend = Elasticsearch8SearchBackend(
        {
            "URLS": ["http://localhost:9200"],
            "INDEX_SETTINGS": search_elasticsearch.WAGTAIL_INDEX_SETTINGS,
        }
    )
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == [
        "greek_lowercase",
        "greek_stop",
        "greek_stemmer",
    ]
    assert analysis["filter"]["greek_stemmer"] == {
        "type": "stemmer",
        "language": "greek",
    }
    # Wagtail's own analysers are kept beside ours.
    assert "ngram_analyzer" in analysis["analyzer"]
    mapping = backend.mapping_class(ServicePage).get_mapping()
    properties = mapping["properties"]
    assert properties["title"]["type"] == "text"
    assert "analyzer" not in properties["title"]  # so "default" applies


def test_elasticsearch_url_switches_the_backend_and_the_client_matches_it():
    env = {
        **os.environ,
        "ELASTICSEARCH_URL": "http://search.example:9200",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    code = (
        "import django, json, elasticsearch; django.setup();"
        "from django.conf import settings;"
        "b = settings.WAGTAILSEARCH_BACKENDS['default'];"
        "print(json.dumps([b['BACKEND'], b['URLS'], elasticsearch.__version__[0]]))"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert json.loads(output.stdout.strip().splitlines()[-1]) == [
        "wagtail.search.backends.elasticsearch8",
        ["http://search.example:9200"],
        8,
    ]


def test_the_terms_index_mapping_and_documents():
    assert search_elasticsearch.TERMS_MAPPING["properties"]["terms"] == {
        "type": "keyword"
    }
    doc = search_elasticsearch.document(7, 1, [("επιδομ", "epidom", 10.0)])
    assert doc == {
        "page_id": 7,
        "locale_id": 1,
        "terms": ["επιδομ"],
        "keys": ["epidom"],
        "heads": ["επιδ"],
        "rows": [["επιδομ", "epidom", 10.0]],
    }


def test_the_lookup_query_filters_by_language_and_asks_for_any_match():
    body = search_elasticsearch.lookup_query(3, terms={"β", "α"}, heads={"επιδ"})
    assert body["query"]["bool"] == {
        "filter": [{"term": {"locale_id": 3}}],
        "should": [{"terms": {"terms": ["α", "β"]}}, {"terms": {"heads": ["επιδ"]}}],
        "minimum_should_match": 1,
    }


@pytest.mark.parametrize("query", QUERIES)
def test_elasticsearch_gives_the_same_results_as_the_database(
    demo_site, settings, monkeypatch, query
):
    locale_id = demo_site.root_page.locale_id
    from_database = searchengine.find(query, locale_id)
    fake = FakeElasticsearch()
    settings.ELASTICSEARCH_URL = "http://search.example:9200"
    monkeypatch.setattr(search_elasticsearch, "client", lambda: fake)
    searchengine.bump()  # forget the answer remembered from the database
    from_elasticsearch = searchengine.find(query, locale_id)
    assert fake.requests
    assert from_elasticsearch.ranked == from_database.ranked
    assert from_database.ranked


def test_when_elasticsearch_is_down_the_database_answers(demo_site, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    found = searchengine.find("επιδομα στεγασης", demo_site.root_page.locale_id)
    assert found.ranked


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"
)
def test_a_real_elasticsearch_finds_what_the_database_finds(demo_site, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "kentro_test_"
    locale_id = demo_site.root_page.locale_id
    searchindex.rebuild()
    for query in QUERIES:
        settings.ELASTICSEARCH_URL = ""
        expected = searchengine.find(query, locale_id).ranked
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        searchengine.bump()
        assert search_elasticsearch.fetch(locale_id, terms={"επιδομ"}) is not None
        assert searchengine.find(query, locale_id).ranked == expected


def test_after_a_failure_elasticsearch_is_left_alone_for_a_minute(
    demo_site, settings, monkeypatch
):
    settings.ELASTICSEARCH_URL = "http://search.example:9200"
    calls = []

    def unreachable(*args, **kwargs):
        calls.append(1)
        raise ConnectionError("down")

    monkeypatch.setattr(search_elasticsearch, "fetch", unreachable)
    for query in ("επιδομα", "στεγαση", "παντοπωλειο"):
        assert searchengine.find(query, demo_site.root_page.locale_id).ranked
    assert len(calls) == 1
