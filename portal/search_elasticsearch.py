"""Elasticsearch as the store of the site's search index, when
``ELASTICSEARCH_URL`` is set.

Elasticsearch holds one document per live page with the page's normalised
terms (``portal.textsearch``) as keywords, and answers the same lookups the
database does (terms, sound keys, four-letter heads); ranking stays in
``portal.searchengine``, so the results are the same on every backend. If
Elasticsearch cannot be reached, the engine reads the database instead.

``WAGTAIL_INDEX_SETTINGS`` makes Wagtail's own Elasticsearch indexes (the
admin's search) Greek-aware too: Lucene's Greek lower-casing folds accents
and final sigma, and its Greek stemmer joins the inflected forms.
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_HITS = 10_000
WAGTAIL_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "greek_lowercase": {"type": "lowercase", "language": "greek"},
                "greek_stop": {"type": "stop", "stopwords": "_greek_"},
                "greek_stemmer": {"type": "stemmer", "language": "greek"},
            },
            "analyzer": {
                # Text fields without an analyzer of their own use "default".
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["greek_lowercase", "greek_stop", "greek_stemmer"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["greek_lowercase", "asciifolding", "edgengram"],
                },
            },
        }
    }
}
TERMS_MAPPING = {
    "dynamic": "strict",
    "properties": {
        "page_id": {"type": "integer"},
        "locale_id": {"type": "integer"},
        "terms": {"type": "keyword"},
        "keys": {"type": "keyword"},
        "heads": {"type": "keyword"},
        # [term, key, weight] triples, kept for ranking, never searched.
        "rows": {"type": "object", "enabled": False},
    },
}


def is_enabled():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}terms"


def client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5, max_retries=1)


def document(page_id, locale_id, rows):
    """The Elasticsearch document of a page, from its (term, key, weight) rows."""
    return {
        "page_id": page_id,
        "locale_id": locale_id,
        "terms": sorted({term for term, _key, _weight in rows}),
        "keys": sorted({key for _term, key, _weight in rows}),
        "heads": sorted({term[:4] for term, _key, _weight in rows}),
        "rows": [[term, key, weight] for term, key, weight in rows],
    }


def lookup_query(locale_id, terms=(), keys=(), heads=()):
    """The search body that finds the pages holding any of these."""
    should = [
        {"terms": {field: sorted(values)}}
        for field, values in (("terms", terms), ("keys", keys), ("heads", heads))
        if values
    ]
    return {
        "size": MAX_HITS,
        "_source": ["page_id", "rows"],
        "query": {
            "bool": {
                "filter": [{"term": {"locale_id": locale_id}}],
                "should": should,
                "minimum_should_match": 1,
            }
        },
    }


def rows_from_hits(hits, terms=(), keys=(), heads=()):
    """(page_id, term, key, weight) for the terms of each hit that were asked
    for: what the database lookup returns."""
    terms, keys, heads = set(terms), set(keys), set(heads)
    rows = []
    for hit in hits:
        source = hit["_source"]
        for term, key, weight in source["rows"]:
            if term in terms or key in keys or term[:4] in heads:
                rows.append((source["page_id"], term, key, weight))
    return rows


def fetch(locale_id, terms=(), keys=(), heads=()):
    body = lookup_query(locale_id, terms, keys, heads)
    response = client().search(index=index_name(), **body)
    return rows_from_hits(response["hits"]["hits"], terms, keys, heads)


def distinct_keys(locale_id):
    response = client().search(
        index=index_name(),
        size=0,
        query={"term": {"locale_id": locale_id}},
        aggs={"keys": {"terms": {"field": "keys", "size": 65_000}}},
    )
    return [bucket["key"] for bucket in response["aggregations"]["keys"]["buckets"]]


def reset():
    es = client()
    if es.indices.exists(index=index_name()):
        es.indices.delete(index=index_name())
    es.indices.create(index=index_name(), mappings=TERMS_MAPPING)


def put_pages(documents):
    from elasticsearch.helpers import bulk

    bulk(
        client(),
        (
            {"_index": index_name(), "_id": doc["page_id"], "_source": doc}
            for doc in documents
        ),
        refresh=True,
    )


def delete_page(page_id):
    client().delete(index=index_name(), id=page_id, ignore_status=404, refresh=True)
