import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core import chrome
from directory.factories import ServicePageFactory
from directory.models import Category, FormerCategorySlug
from search import indexing


def titles(response):
    return re.findall(
        r'class="service-summary__title"><a [^>]*>([^<]+)<', response.content.decode()
    )


def test_without_filters_every_listed_service_is_shown_by_name(client, catalogue):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == ["Επίδομα Στέγασης", "Κοινωνικό Παντοπωλείο", "Συσσίτιο"]


def test_inactive_services_are_not_listed(client, catalogue):
    assert "Παλιό πρόγραμμα" not in client.get(catalogue.url).content.decode()


def test_facets_combine(client, catalogue):
    response = client.get(catalogue.url, {"category": "trofima", "audience": "roma"})
    assert titles(response) == ["Κοινωνικό Παντοπωλείο", "Συσσίτιο"]
    response = client.get(
        catalogue.url,
        {"category": "trofima", "audience": "roma", "municipality": "dytiki-mani"},
    )
    assert titles(response) == ["Συσσίτιο"]


def test_a_parent_category_includes_its_children(client, catalogue):
    assert titles(client.get(catalogue.url, {"category": "stegasi"})) == [
        "Επίδομα Στέγασης"
    ]


def test_free_of_charge_and_language_filters(client, catalogue):
    assert "Συσσίτιο" not in titles(client.get(catalogue.url, {"free": "1"}))
    assert titles(client.get(catalogue.url, {"language": "ar"})) == ["Επίδομα Στέγασης"]


def test_each_facet_value_counts_what_it_would_give(client, catalogue):
    html = client.get(catalogue.url, {"category": "trofima"}).content.decode()
    # Within food: two services for Roma, one for ΚΕΑ beneficiaries.
    assert re.search(r"Ρομά <span class=\"facet__count\">\(2\)", html)
    assert re.search(r"Δικαιούχοι ΚΕΑ <span class=\"facet__count\">\(1\)", html)
    # The category facet ignores its own choice: housing still shows 1.
    assert re.search(r"Στέγαση <span class=\"facet__count\">\(1\)", html)
    assert re.search(r"Free of charge|Δωρεάν", html)


def test_text_search_finds_by_title(client, catalogue):
    assert titles(client.get(catalogue.url, {"q": "Παντοπωλείο"})) == [
        "Κοινωνικό Παντοπωλείο"
    ]


def test_active_filters_can_be_removed_one_by_one(client, catalogue):
    html = client.get(
        catalogue.url, {"category": "trofima", "audience": "roma"}
    ).content.decode()
    assert 'href="?audience=roma"' in html
    assert 'href="?category=trofima"' in html


def test_zero_results_offer_help_not_an_empty_box(client, catalogue):
    html = client.get(catalogue.url, {"q": "ανύπαρκτοπρόγραμμα"}).content.decode()
    assert "0" in html
    assert 'class="no-results"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"category": "δεν-υπάρχει"},
        {"audience": "x" * 500},
        {"page": "9999"},
        {"page": "-1"},
        {"q": "λ" * 5000},
        {"q": '"((επίδομα NEAR *'},
        {"open_now": "yes", "free": "maybe"},
    ],
)
def test_bad_input_gives_a_page_not_an_error(client, catalogue, params):
    assert client.get(catalogue.url, params).status_code == 200


@pytest.fixture
def one_minute(monkeypatch):
    """What is open now is read once a minute; a count of queries that
    straddled a minute would count that reading too."""
    from django.utils import timezone

    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.parametrize(
    "params", [{"category": "trofima"}, {"q": "παντοπωλειο", "audience": "kea"}]
)
def test_queries_do_not_grow_with_the_directory(client, catalogue, params, one_minute):
    client.get(catalogue.url, params)
    with CaptureQueriesContext(connection) as small:
        client.get(catalogue.url, params)
    extra = [
        ServicePageFactory(
            parent=catalogue, slug=f"extra-{number}", title=f"Πρόσθετη {number}"
        )
        for number in range(30)
    ]
    indexing.rebuild(Page.objects.filter(pk__in=[page.pk for page in extra]))
    chrome.bump()  # as publishing does
    client.get(catalogue.url, params)  # the directory is read again once
    with CaptureQueriesContext(connection) as large:
        client.get(catalogue.url, params)
    assert len(large) == len(small)
    assert len(large) <= 12


def test_a_misspelt_query_finds_and_offers_the_right_spelling(client, catalogue):
    response = client.get(catalogue.url, {"q": "παντοπολιο"})
    assert titles(response) == ["Κοινωνικό Παντοπωλείο"]
    assert "Μήπως εννοείτε <a" in response.content.decode()


@pytest.mark.parametrize("query", ["pantopoleio", "ΠΑΝΤΟΠΩΛΕΙΟ", "παντοπωλεια"])
def test_greeklish_capitals_and_other_endings_find_the_service(
    client, catalogue, query
):
    assert titles(client.get(catalogue.url, {"q": query})) == ["Κοινωνικό Παντοπωλείο"]


def test_a_renamed_category_slug_redirects_keeping_the_other_filters(client, catalogue):
    FormerCategorySlug.objects.create(
        slug="trofima-palio", category=Category.objects.filter(slug="trofima").first()
    )
    response = client.get(
        catalogue.url, {"category": "trofima-palio", "audience": "roma", "free": "1"}
    )
    assert response.status_code == 301
    assert response["Location"] == (
        f"{catalogue.url}?category=trofima&audience=roma&free=1"
    )
    assert titles(client.get(response["Location"])) == ["Κοινωνικό Παντοπωλείο"]


def test_an_unknown_category_slug_is_no_error_and_can_be_removed(client, catalogue):
    """Not a renamed one: nothing matches it, and the page says so and offers
    the list without it, as for any filter that matches nothing."""
    response = client.get(catalogue.url, {"category": "den-yparxei", "free": "1"})
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert 'class="no-results"' in html
    assert 'href="?free=1"' in html


def test_a_former_slug_taken_again_by_a_category_is_not_redirected(client, catalogue):
    FormerCategorySlug.objects.create(
        slug="stegasi", category=Category.objects.filter(slug="trofima").first()
    )
    response = client.get(catalogue.url, {"category": "stegasi"})
    assert response.status_code == 200
    assert "Επίδομα Στέγασης" in titles(response)
