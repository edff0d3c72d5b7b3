"""The term index in Elasticsearch 8, when ``ELASTICSEARCH_URL`` is set.

Elasticsearch holds one document per live page with the page's normalised
terms (``search.analysis``) as keywords, and answers the same lookups the
database does (terms, sound keys, four-letter heads); ranking stays in
``search.engine``, so the results are the same on every backend.

``WAGTAIL_INDEX_SETTINGS`` makes Wagtail's own Elasticsearch indexes (the
admin's search) analyse the three languages of the site by the rules of
``search.analysis``, in Elasticsearch's own filters: dotted acronyms joined,
Latin lookalikes, hamza seats and the other letters written two ways made one
(a mapping built from ``analysis.ONE_LETTER``), Greek lower-casing (accents,
final sigma), Latin look-alikes read as Greek in a word of both scripts,
Arabic normalisation (alef forms, ta marbuta, alef maqsura,
tatweel, harakat), Arabic-Indic digits, the stop words of every language, the
Arabic article and what is joined before it, British spellings made American,
then the Greek, English and Arabic stemmers (Snowball, as ``snowballstemmer``
here). Each stemmer leaves the other scripts alone.
"""

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search import analysis
from search.backends.base import BackendUnavailable, BaseTermIndex, PageRows

MAX_HITS = 10_000
# ``analysis.ACRONYM_DOT`` in Java's regular expressions.
ACRONYM_DOT_JAVA = r"(?<=\p{L})(?<![\p{L}\p{N}_]\p{L})\.(?=\p{L}(?![\p{L}\p{N}_]))"
# ``analysis.strip_article``: the article and what is joined before it, when at
# least two letters are left.
ARABIC_ARTICLE_JAVA = "^(?:{})(?=\\p{{L}}{{2}})".format(
    "|".join(analysis.ARABIC_ARTICLES)
)


# ``analysis.stems``: the second form of an Arabic word that may begin with a
# clitic, when at least ``ARABIC_MIN_BARE`` letters are left.
ARABIC_CLITIC_JAVA = "^[{}](?=\\p{{L}}{{{}}})".format(
    "".join(sorted(analysis.ARABIC_CLITICS)), analysis.ARABIC_MIN_BARE
)
# ``analysis._one_script``: a word with Greek and Latin letters (a keyboard
# switched half way) reads its Latin look-alikes as Greek. Painless without
# regular expressions, which a default server does not allow.
MIXED_SCRIPT_SCRIPT = (
    "def t = token.getTerm().toString(); boolean greek = false; "
    "boolean latin = false; for (int i = 0; i < t.length(); ++i) { "
    "int c = t.charAt(i); if (c >= 0x61 && c <= 0x7a) latin = true; "
    "if ((c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff)) greek = true; "
    "} return greek && latin;"
)


def _lookalike_filters():
    """``analysis.LOOKALIKES`` as one replacing filter a letter, applied only
    to words of both scripts."""
    filters, names = {}, []
    for code, greek in sorted(analysis.LOOKALIKES.items()):
        name = f"lookalike_{chr(code)}"
        names.append(name)
        filters[name] = {
            "type": "pattern_replace",
            "pattern": chr(code),
            "replacement": chr(greek),
        }
    filters["latin_lookalikes"] = {
        "type": "condition",
        "filter": names,
        "script": {"source": MIXED_SCRIPT_SCRIPT},
    }
    return filters


def _letter_mappings():
    """``analysis.ONE_LETTER``, and the hamza seats NFKD takes apart, as the
    rules of a mapping char filter; tatweel and the digits are left to the
    arabic_normalization and decimal_digit filters."""
    rules = {"ئ": "ي", "ؤ": "و", "أ": "ا", "إ": "ا", "آ": "ا"}
    for code, replacement in analysis.ONE_LETTER.items():
        if replacement and not replacement.isdigit():
            rules[chr(code)] = replacement
    return [f"{char} => {rules[char]}" for char in sorted(rules)]


def _english_spelling_filters():
    """``analysis.english_spelling`` as filters: the whole words, then each
    ending rule, skipped for the words spelt alike everywhere."""
    filters = {
        # A synonym rule replaces the word and lets the stemmer stem it, as
        # analysis.english_stem does (a stemmer_override would not).
        "english_words": {
            "type": "synonym",
            "synonyms": [
                f"{british} => {american}"
                for british, american in sorted(analysis.ENGLISH_WORDS.items())
            ],
        }
    }
    names = []
    for position, (ending, replacement, shortest) in enumerate(
        analysis.ENGLISH_WORD_ENDINGS
    ):
        name = f"english_ending_{position}"
        names.append(name)
        filters[name] = {
            "type": "pattern_replace",
            "pattern": f"^(.{{{shortest - len(ending)},}}){ending}$",
            "replacement": f"$1{replacement}",
        }
    keep = ",".join(f"'{word}'" for word in sorted(analysis.ENGLISH_KEEP))
    filters["english_spelling"] = {
        "type": "condition",
        "filter": names,
        "script": {"source": f"![{keep}].contains(token.getTerm().toString())"},
    }
    return filters


WAGTAIL_ANALYZER_FILTERS = [
    "greek_lowercase",
    "decimal_digit",
    "arabic_normalization",
    "latin_lookalikes",
    "kentro_stop",
    "arabic_article",
    "arabic_clitic",
    "english_words",
    "english_spelling",
    "greek_stemmer",
    "english_stemmer",
    "arabic_stemmer",
]
WAGTAIL_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "acronym_dots": {
                    "type": "pattern_replace",
                    "pattern": ACRONYM_DOT_JAVA,
                    "replacement": "",
                },
                "one_letter": {"type": "mapping", "mappings": _letter_mappings()},
            },
            "filter": {
                "greek_lowercase": {"type": "lowercase", "language": "greek"},
                "kentro_stop": {
                    "type": "stop",
                    "stopwords": sorted(analysis.STOPWORDS),
                },
                "arabic_article": {
                    "type": "pattern_replace",
                    "pattern": ARABIC_ARTICLE_JAVA,
                    "replacement": "",
                },
                "arabic_clitic_strip": {
                    "type": "pattern_replace",
                    "pattern": ARABIC_CLITIC_JAVA,
                    "replacement": "",
                },
                # The word as it is and without the letter, at one position.
                "arabic_clitic": {
                    "type": "multiplexer",
                    "filters": ["arabic_clitic_strip"],
                    "preserve_original": True,
                },
                **_lookalike_filters(),
                **_english_spelling_filters(),
                "greek_stemmer": {"type": "stemmer", "language": "greek"},
                "english_stemmer": {"type": "snowball", "language": "English"},
                "arabic_stemmer": {"type": "snowball", "language": "Arabic"},
            },
            "analyzer": {
                # Text fields without an analyzer of their own use "default".
                "default": {
                    "type": "custom",
                    "char_filter": ["acronym_dots", "one_letter"],
                    "tokenizer": "standard",
                    "filter": WAGTAIL_ANALYZER_FILTERS,
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "char_filter": ["acronym_dots", "one_letter"],
                    "tokenizer": "standard",
                    "filter": [
                        "greek_lowercase",
                        "decimal_digit",
                        "arabic_normalization",
                        "asciifolding",
                        "edgengram",
                    ],
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
FAILURES = (ApiError, TransportError, BulkIndexError)


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


class TermIndex(BaseTermIndex):
    """Options: ``urls`` (list), ``index_prefix`` (default "kentro_"),
    ``timeout`` in seconds (default 5)."""

    def __init__(self, urls=(), index_prefix="kentro_", timeout=5, **options):
        super().__init__(**options)
        self.urls = list(urls)
        self.index_name = f"{index_prefix}terms"
        self.timeout = timeout

    def client(self):
        return Elasticsearch(self.urls, request_timeout=self.timeout, max_retries=1)

    def _call(self, action):
        try:
            return action(self.client())
        except FAILURES as error:
            raise BackendUnavailable(str(error)) from error

    def lookup(self, locale_id, terms=(), keys=(), heads=()):
        if not (terms or keys or heads):
            return []
        body = lookup_query(locale_id, terms, keys, heads)
        response = self._call(lambda es: es.search(index=self.index_name, **body))
        return rows_from_hits(response["hits"]["hits"], terms, keys, heads)

    def replace_page(self, page_id, locale_id, rows):
        if rows:
            self.add_pages([PageRows(page_id, locale_id, rows)])
        else:
            self.delete_pages([page_id])

    def delete_pages(self, page_ids):
        for page_id in page_ids:
            self._call(
                lambda es, page_id=page_id: es.delete(
                    index=self.index_name, id=page_id, ignore_status=404, refresh=True
                )
            )

    def add_pages(self, documents):
        actions = (
            {
                "_index": self.index_name,
                "_id": doc.page_id,
                "_source": document(doc.page_id, doc.locale_id, doc.rows),
            }
            for doc in documents
        )
        self._call(lambda es: bulk(es, actions, refresh=True))

    def reset(self):
        def recreate(es):
            if es.indices.exists(index=self.index_name):
                es.indices.delete(index=self.index_name)
            es.indices.create(index=self.index_name, mappings=TERMS_MAPPING)

        self._call(recreate)
