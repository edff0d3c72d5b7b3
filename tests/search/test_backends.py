"""One contract, every backend: the database, Elasticsearch (a stand-in that
evaluates the queries Elasticsearch would, or a real server when
ELASTICSEARCH_URL is set) and the fallback chain. Modelled on modelsearch's
shared Elasticsearch tests: the same test bodies run against each backend."""

import json
import os
import re
import subprocess
import sys

import pytest
from elasticsearch import Elasticsearch
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from directory.models import ServicePage
from search import analysis, engine, indexing
from search.backends import elasticsearch as es
from search.backends import get_backend
from search.backends.base import BackendUnavailable, PageRows
from search.backends.database import TermIndex as DatabaseTermIndex

QUERIES = [
    "επιδομα στεγασης",
    "ΚΕΑ",
    "epidoma thermansis",
    "παντοπολειο",
    "βοήθεια στο σπίτι",
    "ψυχολογος",
    "ενοικιο",
]
REAL_ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL", "")


class FakeElasticsearch:
    """Keeps documents in memory and evaluates the bool-of-terms queries the
    backend sends the way Elasticsearch does."""

    def __init__(self):
        self.documents = {}
        self.requests = []
        self.indices = self

    # indices
    def exists(self, index):
        return True

    def create(self, index, mappings):
        assert mappings == es.TERMS_MAPPING

    def delete(self, index=None, id=None, ignore_status=None, refresh=None):  # noqa: A002
        if id is None:
            self.documents.clear()
        else:
            self.documents.pop(int(id), None)

    def put(self, action):
        json.dumps(action["_source"])  # what is sent must be JSON
        self.documents[int(action["_id"])] = action["_source"]

    def search(self, index, **body):
        json.dumps(body)
        self.requests.append(body)
        query = body["query"]["bool"]
        locale_id = query["filter"][0]["term"]["locale_id"]
        wanted = [next(iter(clause["terms"].items())) for clause in query["should"]]
        hits = [
            {"_source": {"page_id": doc["page_id"], "rows": doc["rows"]}}
            for doc in self.documents.values()
            if doc["locale_id"] == locale_id
            and any(set(doc[field]) & set(values) for field, values in wanted)
        ]
        return {"hits": {"hits": hits[: body["size"]]}}


@pytest.fixture
def fake_elasticsearch(monkeypatch):
    fake = FakeElasticsearch()
    monkeypatch.setattr(es.TermIndex, "client", lambda self: fake)

    def bulk(client, actions, refresh):
        for action in actions:
            client.put(action)

    monkeypatch.setattr(es, "bulk", bulk)
    return fake


def configure(settings, default, **others):
    settings.KENTRO_SEARCH_BACKENDS = {"default": default, **others}
    engine.bump()


ELASTICSEARCH = {
    "BACKEND": "search.backends.elasticsearch",
    "URLS": [REAL_ELASTICSEARCH or "http://search.example:9200"],
    # Test processes side by side each keep an index of their own.
    "INDEX_PREFIX": f"kentro_test_{os.environ.get('PYTEST_XDIST_WORKER', '')}_",
}
DATABASE = {"BACKEND": "search.backends.database"}
CHAIN = {"BACKEND": "search.backends.fallback", "BACKENDS": ["es", "db"]}


@pytest.fixture(params=["database", "elasticsearch", "fallback"])
def backend(request, settings, db):
    """Each backend, configured as the site's default, over an empty index."""
    if request.param != "database" and not REAL_ELASTICSEARCH:
        request.getfixturevalue("fake_elasticsearch")
    if request.param == "database":
        configure(settings, DATABASE)
    elif request.param == "elasticsearch":
        configure(settings, ELASTICSEARCH)
    else:
        configure(settings, CHAIN, es=ELASTICSEARCH, db=DATABASE)
    chosen = get_backend()
    chosen.reset()
    return chosen


def page_rows(page_id, locale_id, *terms):
    return PageRows(page_id, locale_id, [(term, term, 1.0) for term in terms])


# --- The contract --------------------------------------------------------------


def test_a_page_is_found_by_term_key_and_head(backend, locales):
    el = locales["el"].pk
    backend.replace_page(1, el, [("επιδομ", "epidom", 10.0), ("στεγασ", "stegas", 2)])
    assert sorted(backend.lookup(el, terms={"επιδομ"})) == [
        (1, "επιδομ", "epidom", 10.0)
    ]
    assert {row[0] for row in backend.lookup(el, heads={"στεγ"})} == {1}
    assert backend.lookup(locales["en"].pk, terms={"επιδομ"}) == []


def test_a_row_matched_several_ways_is_returned_once(backend, locales):
    """The database answers each way (term, key, head) from its own index;
    a row that more than one way finds still counts once for its page."""
    el = locales["el"].pk
    rows = [
        ("επιδομ", "epidom", 10.0),
        ("στεγασ", "stegas", 2),
        ("επιδοτ", "epidot", 1),
    ]
    backend.replace_page(1, el, rows)
    found = backend.lookup(
        el, terms={"επιδομ"}, keys={"epidom", "stegas"}, heads={"επιδ", "στεγ"}
    )
    assert sorted(found) == [
        (1, "επιδομ", "epidom", 10.0),
        (1, "επιδοτ", "epidot", 1.0),
        (1, "στεγασ", "stegas", 2.0),
    ]


def test_replacing_a_page_forgets_its_old_terms(backend, locales):
    el = locales["el"].pk
    backend.replace_page(1, el, [("παλι", "pali", 1.0)])
    backend.replace_page(1, el, [("νεο", "neo", 1.0)])
    assert backend.lookup(el, terms={"παλι"}) == []
    assert [row[1] for row in backend.lookup(el, terms={"νεο"})] == ["νεο"]


def test_a_page_without_rows_or_deleted_is_not_found(backend, locales):
    el = locales["el"].pk
    backend.add_pages([page_rows(1, el, "α1"), page_rows(2, el, "α1")])
    backend.replace_page(1, el, [])
    backend.delete_pages([2])
    assert backend.lookup(el, terms={"α1"}) == []


def test_reset_empties_the_index(backend, locales):
    el = locales["el"].pk
    backend.add_pages(page_rows(n, el, "κοινο") for n in range(1, 30))
    assert len(backend.lookup(el, terms={"κοινο"})) == 29
    backend.reset()
    assert backend.lookup(el, terms={"κοινο"}) == []


# Elasticsearch alone keeps no vocabulary to correct spelling with; the chain
# that settings configure reads it from the database.
@pytest.mark.parametrize("backend", ["database", "fallback"], indirect=True)
def test_the_engine_ranks_the_same_on_every_backend(backend, demo_site, settings):
    locale_id = demo_site.root_page.locale_id
    indexing.rebuild()
    found = {query: engine.find(query, locale_id).ranked for query in QUERIES}
    configure(settings, DATABASE)
    expected = {query: engine.find(query, locale_id).ranked for query in QUERIES}
    assert found == expected
    assert all(expected.values())


# --- Choosing a backend and falling back -----------------------------------------


def test_the_default_is_the_database(settings):
    del settings.KENTRO_SEARCH_BACKENDS
    assert isinstance(get_backend(), DatabaseTermIndex)


def test_elasticsearch_url_makes_elasticsearch_the_first_backend():
    env = {
        **os.environ,
        "ELASTICSEARCH_URL": "http://search.example:9200",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    code = (
        "import django, json, elasticsearch; django.setup();"
        "from django.conf import settings;"
        "from search.backends import get_backend;"
        "w = settings.WAGTAILSEARCH_BACKENDS['default'];"
        "k = settings.KENTRO_SEARCH_BACKENDS;"
        "print(json.dumps([w['BACKEND'], w['URLS'], elasticsearch.__version__[0],"
        " k['default']['BACKENDS'], k['elasticsearch']['URLS'],"
        " type(get_backend()).__module__]))"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert json.loads(output.stdout.strip().splitlines()[-1]) == [
        "wagtail.search.backends.elasticsearch8",
        ["http://search.example:9200"],
        8,
        ["elasticsearch", "database"],
        ["http://search.example:9200"],
        "search.backends.fallback",
    ]


@pytest.mark.skipif(bool(REAL_ELASTICSEARCH), reason="a real server answers")
def test_when_elasticsearch_is_down_the_database_answers(demo_site, settings):
    unreachable = {**ELASTICSEARCH, "URLS": ["http://127.0.0.1:9"], "TIMEOUT": 1}
    configure(settings, CHAIN, es=unreachable, db=DATABASE)
    found = engine.find("επιδομα στεγασης", demo_site.root_page.locale_id)
    assert found.ranked


def test_a_failed_backend_is_left_alone_for_a_while(demo_site, settings, monkeypatch):
    configure(settings, CHAIN, es=ELASTICSEARCH, db=DATABASE)
    calls = []

    def unreachable(self, *args, **kwargs):
        calls.append(1)
        raise BackendUnavailable("down")

    monkeypatch.setattr(es.TermIndex, "lookup", unreachable)
    for query in ("επιδομα", "στεγαση", "παντοπωλειο"):
        assert engine.find(query, demo_site.root_page.locale_id).ranked
    assert len(calls) == 1


def test_a_failed_write_to_a_fallback_still_writes_the_record(
    settings, monkeypatch, locales
):
    configure(settings, CHAIN, es=ELASTICSEARCH, db=DATABASE)

    def unreachable(self, *args, **kwargs):
        raise BackendUnavailable("down")

    monkeypatch.setattr(es.TermIndex, "replace_page", unreachable)
    get_backend().replace_page(1, locales["el"].pk, [("μονο", "mono", 1.0)])
    assert DatabaseTermIndex().lookup(locales["el"].pk, terms={"μονο"})


# --- Elasticsearch's own shapes ------------------------------------------------------


def test_wagtails_elasticsearch_indexes_analyse_greek():
    backend = Elasticsearch8SearchBackend(
        {"URLS": ["http://localhost:9200"], "INDEX_SETTINGS": es.WAGTAIL_INDEX_SETTINGS}
    )
    analysis = backend.settings["settings"]["analysis"]
    chain = analysis["analyzer"]["default"]["filter"]
    assert chain[0] == "greek_lowercase"
    assert "greek_stemmer" in chain
    assert analysis["filter"]["greek_stemmer"] == {
        "type": "stemmer",
        "language": "greek",
    }
    # Wagtail's own analysers are kept beside ours.
    assert "ngram_analyzer" in analysis["analyzer"]
    properties = backend.mapping_class(ServicePage).get_mapping()["properties"]
    assert properties["title"]["type"] == "text"
    assert "analyzer" not in properties["title"]  # so "default" applies


# The analyzers of Wagtail's indexes mirror search.analysis. Without a server,
# their rules are checked by running them here: Java's \p{L} is a letter,
# [^\W\d_] in Python, and $1 is \1.
def java_to_python(pattern):
    return pattern.replace("[\\p{L}\\p{N}_]", "\\w").replace("\\p{L}", "[^\\W\\d_]")


def es_filters():
    return es.WAGTAIL_INDEX_SETTINGS["settings"]["analysis"]["filter"]


def test_elasticsearch_analyses_arabic_english_and_greek_with_their_stemmers():
    analysis_settings = es.WAGTAIL_INDEX_SETTINGS["settings"]["analysis"]
    default = analysis_settings["analyzer"]["default"]
    assert default["char_filter"] == ["acronym_dots", "one_letter"]
    chain = default["filter"]
    for name in ("decimal_digit", "arabic_normalization", "kentro_stop"):
        assert name in chain
    # Normalise, drop stop words and the article, fold spellings, then stem.
    assert chain.index("arabic_normalization") < chain.index("arabic_article")
    assert chain.index("english_spelling") < chain.index("english_stemmer")
    assert chain[-3:] == ["greek_stemmer", "english_stemmer", "arabic_stemmer"]
    assert es_filters()["english_stemmer"] == {
        "type": "snowball",
        "language": "English",
    }
    assert es_filters()["arabic_stemmer"] == {"type": "snowball", "language": "Arabic"}
    assert set(es_filters()["kentro_stop"]["stopwords"]) == analysis.STOPWORDS


@pytest.mark.parametrize(
    "text", ["Α.Μ.Κ.Α.", "η Κ.Α.Π.Η της", "A.M.K.A.", "κ. Παπαδόπουλος", "gov.gr 3.5"]
)
def test_elasticsearch_joins_dotted_acronyms_as_the_analysis_does(text):
    char_filter = es.WAGTAIL_INDEX_SETTINGS["settings"]["analysis"]["char_filter"]
    pattern = java_to_python(char_filter["acronym_dots"]["pattern"])
    assert re.sub(pattern, "", text) == analysis.join_acronyms(text)


@pytest.mark.parametrize(
    "word", ["السكن", "واللاجئين", "للاطفال", "بالبيت", "لجوء", "ال", "الي", "وزاره"]
)
def test_elasticsearch_strips_the_arabic_article_as_the_analysis_does(word):
    pattern = java_to_python(es_filters()["arabic_article"]["pattern"])
    assert re.sub(pattern, "", word) == analysis.strip_article(word)


def test_elasticsearch_maps_the_letters_written_two_ways():
    char_filter = es.WAGTAIL_INDEX_SETTINGS["settings"]["analysis"]["char_filter"]
    rules = dict(rule.split(" => ") for rule in char_filter["one_letter"]["mappings"])
    assert rules["ة"] == "ه"
    assert rules["ى"] == "ي"
    assert rules["ئ"] == "ي"
    assert rules["ٱ"] == "ا"


@pytest.mark.skipif(not REAL_ELASTICSEARCH, reason="needs ELASTICSEARCH_URL")
@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Α.Μ.Κ.Α.", "ΑΜΚΑ"),
        ("KAΠH", "ΚΑΠΗ"),
        ("واللاجئين", "لاجئين"),
        ("إعانة السكن", "سكن"),
        ("colour", "color"),
        ("Επιδόματος", "επίδομα"),
    ],
)
def test_a_real_server_analyses_both_writings_to_a_shared_token(written, searched):
    """What the admin's search finds, asked of the server itself (_analyze)."""
    client = Elasticsearch([REAL_ELASTICSEARCH])
    index = f"kentro_test_analysis_{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(index=index, **es.WAGTAIL_INDEX_SETTINGS)
    try:

        def tokens(text):
            answer = client.indices.analyze(index=index, analyzer="default", text=text)
            return {token["token"] for token in answer["tokens"]}

        assert tokens(written) & tokens(searched)
    finally:
        client.indices.delete(index=index)


def painless_mixed_script(word):
    """The condition's Painless script, read back: the code point ranges it
    tests, applied here."""
    script = es.MIXED_SCRIPT_SCRIPT
    latin = re.search(r"c >= (0x\w+) && c <= (0x\w+)\) latin", script)
    greek = re.findall(
        r"c >= (0x\w+) && c <= (0x\w+)\)", script.split("latin = true")[1]
    )

    def within(low, high):
        return any(int(low, 16) <= ord(c) <= int(high, 16) for c in word)

    return within(*latin.groups()) and any(within(*pair) for pair in greek)


@pytest.mark.parametrize("text", ["KAΠH", "κaπη", "ΑΜΚA", "amka", "αμκα", "ok 3"])
def test_elasticsearch_reads_latin_lookalikes_as_the_analysis_does(text):
    filters = es_filters()
    condition = filters["latin_lookalikes"]
    assert condition["type"] == "condition"
    chain = es.WAGTAIL_ANALYZER_FILTERS
    assert chain.index("greek_lowercase") < chain.index("latin_lookalikes")
    for word in analysis.WORD.findall(analysis.fold(text)):
        read = word
        if painless_mixed_script(word):
            for name in condition["filter"]:
                rule = filters[name]
                read = re.sub(rule["pattern"], rule["replacement"], read)
        assert read == analysis.words(word)[0]


@pytest.mark.parametrize(
    "word", ["ولاجئين", "فالسكن", "بيت", "كتب", "لجوء", "والسكن", "وزاره", "بكم"]
)
def test_elasticsearch_indexes_the_arabic_word_without_its_clitic_too(word):
    """Both forms at one position, as ``analysis.stems`` gives both stems."""
    filters = es_filters()
    assert filters["arabic_clitic"] == {
        "type": "multiplexer",
        "filters": ["arabic_clitic_strip"],
        "preserve_original": True,
    }
    chain = es.WAGTAIL_ANALYZER_FILTERS
    assert chain.index("arabic_article") < chain.index("arabic_clitic")
    assert chain.index("arabic_clitic") < chain.index("arabic_stemmer")
    pattern = java_to_python(filters["arabic_clitic_strip"]["pattern"])
    bare = analysis.strip_article(analysis.fold(word))
    forms = [bare, re.sub(pattern, "", bare)]
    stemmed = [analysis.arabic_stem(form) for form in forms]
    assert list(dict.fromkeys(stemmed)) == analysis.stems(analysis.fold(word))


@pytest.mark.parametrize(
    "word",
    [
        "colour",
        "organisation",
        "organised",
        "centre",
        "counselling",
        "licence",
        "programme",
        "neighbours",
        "analyse",
        "advise",
        "exercise",
        "four",
        "housing",
    ],
)
def test_elasticsearch_folds_british_spellings_as_the_analysis_does(word):
    filters = es_filters()
    words = dict(rule.split(" => ") for rule in filters["english_words"]["synonyms"])
    spelt = words.get(word, word)
    if spelt == word and word not in analysis.ENGLISH_KEEP:
        for name in filters["english_spelling"]["filter"]:
            rule = filters[name]
            changed = re.sub(
                rule["pattern"], rule["replacement"].replace("$1", r"\1"), spelt
            )
            if changed != spelt:
                spelt = changed
                break
    assert f"'{word}'" in filters["english_spelling"]["script"]["source"] or (
        word not in analysis.ENGLISH_KEEP
    )
    assert spelt == analysis.english_spelling(word)


def test_the_terms_index_mapping_and_documents():
    assert es.TERMS_MAPPING["properties"]["terms"] == {"type": "keyword"}
    assert es.document(7, 1, [("επιδομ", "epidom", 10.0)]) == {
        "page_id": 7,
        "locale_id": 1,
        "terms": ["επιδομ"],
        "keys": ["epidom"],
        "heads": ["επιδ"],
        "rows": [["επιδομ", "epidom", 10.0]],
    }


def test_the_lookup_query_filters_by_language_and_asks_for_any_match():
    body = es.lookup_query(3, terms={"β", "α"}, heads={"επιδ"})
    assert body["query"]["bool"] == {
        "filter": [{"term": {"locale_id": 3}}],
        "should": [{"terms": {"terms": ["α", "β"]}}, {"terms": {"heads": ["επιδ"]}}],
        "minimum_should_match": 1,
    }
