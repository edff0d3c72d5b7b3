"""Suggestions for the search boxes: /programmata-ypiresies/protaseis/?q=."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

SUGGEST = "/programmata-ypiresies/protaseis/"


def labels(client, text, prefix=""):
    response = client.get(prefix + SUGGEST, {"q": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [entry["label"] for entry in response.json()["suggestions"]]


@pytest.mark.parametrize("typed", ["επιδ", "ΕΠΙΔ", "επίδ", "Επιδομα στ"])
def test_prefixes_match_whatever_the_case_and_accents(client, demo_site, typed):
    assert "Επίδομα Στέγασης" in labels(client, typed)


def test_topics_come_before_services_and_say_what_they_are(client, demo_site):
    response = client.get(SUGGEST, {"q": "στεγ"}).json()["suggestions"]
    kinds = [entry["kind"] for entry in response]
    assert kinds == sorted(kinds, key=lambda kind: kind != "category")
    topic = next(entry for entry in response if entry["kind"] == "category")
    assert topic["url"].startswith("/programmata-ypiresies/?category=")
    assert topic["kind_label"] == "Θέμα"


def test_a_service_suggestion_links_to_its_page(client, demo_site):
    entry = client.get(SUGGEST, {"q": "παντοπ"}).json()["suggestions"][0]
    assert entry == {
        "label": "Κοινωνικό Παντοπωλείο",
        "url": "/programmata-ypiresies/koinoniko-pantopoleio/",
        "kind": "service",
        "kind_label": "Υπηρεσία",
    }


@pytest.mark.parametrize("typed", ["", "ε", "🙂", '"((*', "α" * 3000, "\x00"])
def test_short_or_odd_input_gives_no_suggestions_and_no_error(client, demo_site, typed):
    assert labels(client, typed) == []


def test_once_the_names_are_read_suggesting_costs_no_query_of_its_own(
    client, demo_site
):
    labels(client, "επιδ")
    with CaptureQueriesContext(connection) as routing_only:
        labels(client, "ε")  # too short to look anything up
    with CaptureQueriesContext(connection) as queries:
        labels(client, "κοιν")
    assert len(queries) == len(routing_only)


def test_search_boxes_offer_suggestions_as_a_progressive_enhancement(client, demo_site):
    for url in ("/", "/programmata-ypiresies/"):
        html = client.get(url).content.decode()
        assert f'data-suggest-url="{SUGGEST}"' in html
        assert 'src="/static/js/autocomplete.js"' in html


def test_english_suggestions_are_english_services_under_en(client, demo_site):
    found = client.get("/en" + SUGGEST, {"q": "hous"}).json()["suggestions"]
    services = [entry for entry in found if entry["kind"] == "service"]
    assert "Housing Benefit" in [entry["label"] for entry in services]
    assert {
        "label": "Housing Benefit",
        "url": "/en/programmata-ypiresies/epidoma-stegasis/",
        "kind": "service",
        "kind_label": "Service",
    } in services
    assert all(entry["url"].startswith("/en/programmata-ypiresies/") for entry in found)
    assert "Στέγαση" not in [entry["label"] for entry in found]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("epidoma steg", "Επίδομα Στέγασης"),
        ("EPID", "Επίδομα Στέγασης"),
        ("koinoniko eis", "Κοινωνικό Εισόδημα Αλληλεγγύης"),
        ("8ermans", "Επίδομα Θέρμανσης"),
    ],
)
def test_greeklish_prefixes_suggest_the_greek_names(client, demo_site, typed, expected):
    assert expected in labels(client, typed)
