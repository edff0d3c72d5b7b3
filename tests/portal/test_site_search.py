"""Site-wide search at /anazitisi/ over the seeded demo site."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from directory.models import ServicePage
from search import indexing, sitesearch
from search.models import SearchSynonym, UnansweredQuery


def result_titles(response):
    return re.findall(
        r'class="search-result__title"><a [^>]*>([^<]+)<', response.content.decode()
    )


def test_unaccented_lower_case_query_finds_the_accented_title(client, demo_site):
    assert "Επίδομα Στέγασης" in result_titles(
        client.get("/anazitisi/", {"q": "επιδομα στεγασης"})
    )


@pytest.mark.parametrize(
    ("query", "title", "kind"),
    [
        ("επίδομα θέρμανσης", "Επίδομα θέρμανσης 2026–2027", "Ενημερωτική δράση"),
        ("κοινωνικο παντοπωλειο", "Κοινωνικό Παντοπωλείο", "Υπηρεσία"),
        ("διανομη τροφιμων", "Διανομή τροφίμων", "Θέση εθελοντικής προσφοράς"),
    ],
)
def test_results_of_every_kind_are_labelled_with_their_kind(
    client, demo_site, query, title, kind
):
    html = client.get("/anazitisi/", {"q": query}).content.decode()
    assert title in html
    assert kind.lower() in html.lower()


def test_the_words_found_are_marked_in_the_snippet():
    snippet = sitesearch.highlight("Οικονομική ενίσχυση για το ενοίκιο.", "ενοικιο")
    assert snippet == "Οικονομική ενίσχυση για το <mark>ενοίκιο.</mark>"
    assert "<mark>" not in sitesearch.highlight("<b>ενοίκιο</b>", "άλλο")


def test_greeklish_finds_the_greek_page(client, demo_site):
    assert "Επίδομα Στέγασης" in result_titles(
        client.get("/anazitisi/", {"q": "epidoma stegasis"})
    )


def test_a_misspelt_word_still_finds_and_offers_the_corrected_query(client, demo_site):
    html = client.get("/anazitisi/", {"q": "επιδομα θερμασνης"}).content.decode()
    assert "Επίδομα Θέρμανσης" in html
    assert "Μήπως εννοείτε <a" in html
    assert "θέρμανσης" in html.split("Μήπως εννοείτε")[1][:200].lower()
    assert "</a>;</p>" in html  # Greek asks with ";", not "?"


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("el", 'Μήπως εννοείτε <a href="?q=%CE%B1%20%26%20%CE%B2">α &amp; β</a>;'),
        ("en", 'Did you mean <a href="?q=%CE%B1%20%26%20%CE%B2">α &amp; β</a>?'),
        ("ar", 'هل تقصد <a href="?q=%CE%B1%20%26%20%CE%B2">α &amp; β</a>؟'),
    ],
)
def test_the_suggestion_is_asked_with_each_language_s_question_mark(language, question):
    with translation.override(language):
        html = render_to_string("includes/did_you_mean.html", {"suggestion": "α & β"})
    assert question in html


def test_an_editors_synonym_applies_at_once(client, demo_site):
    query = {"q": "σκαγιοφρενο"}
    assert "Κοινωνικό Παντοπωλείο" not in result_titles(
        client.get("/anazitisi/", query)
    )
    SearchSynonym.objects.create(
        phrase="σκαγιόφρενο", alternatives="παντοπωλείο", both_ways=False
    )
    assert "Κοινωνικό Παντοπωλείο" in result_titles(client.get("/anazitisi/", query))


def test_promoted_results_come_first_and_say_so(client, demo_site):
    contact = Page.objects.get(slug="epikoinonia", locale__language_code="el")
    SearchPromotion.objects.create(
        query=Query.get("Επίδομα"), page=contact, sort_order=0
    )
    response = client.get("/anazitisi/", {"q": "επιδομα"})
    assert result_titles(response)[0] == contact.title
    assert "Προτείνεται" in response.content.decode()


def test_queries_that_find_nothing_are_counted_for_the_editors(client, demo_site):
    for _ in range(3):
        client.get("/anazitisi/", {"q": "Ξυλοκόπτης"})
    client.get("/programmata-ypiresies/", {"q": "ξυλοκοπτης"})
    record = UnansweredQuery.objects.get(query="ξυλοκοπτησ")
    assert record.times == 4
    assert record.language == "el"


def test_publishing_indexes_a_page_and_unpublishing_drops_it(client, demo_site):
    service = ServicePage.objects.get(
        slug="koinoniko-pantopoleio", locale__language_code="el"
    )
    service.title = "Κοινωνικό Παντοπωλείο Ζαχαρόπουλου"
    service.save_revision().publish()
    assert "Κοινωνικό Παντοπωλείο Ζαχαρόπουλου" in result_titles(
        client.get("/anazitisi/", {"q": "ζαχαροπουλου"})
    )
    service.unpublish()
    assert result_titles(client.get("/anazitisi/", {"q": "ζαχαροπουλου"})) == []


def test_the_search_index_rebuilds_from_scratch(demo_site):
    assert indexing.rebuild() > 40
