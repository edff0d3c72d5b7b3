import pytest

from search.query import MAX_QUERY_LENGTH, clean_query

HOSTILE_QUERIES = [
    "",
    "   ",
    "α" * 2000,
    "🙂🏠 επίδομα",
    '"επίδομα',
    "'; DROP TABLE wagtailcore_page; --",
    "*",
    "-",
    "επίδομα NEAR θέρμανση",
    "((επίδομα",
    "AND OR NOT",
    "\x00\x1f",
]


def test_search_finds_a_campaign_by_a_word_in_its_title(client, demo_site):
    response = client.get("/anazitisi/", {"q": "θέρμανσης"})
    assert response.status_code == 200
    assert "Επίδομα θέρμανσης 2026–2027" in response.content.decode()


def test_search_stays_in_the_visitors_language(client, demo_site):
    html = client.get("/en/anazitisi/", {"q": "Contact"}).content.decode()
    assert 'href="/en/epikoinonia/"' in html
    assert 'href="/epikoinonia/"' not in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_gives_a_page_not_an_error(client, demo_site, query):
    response = client.get("/anazitisi/", {"q": query})
    assert response.status_code == 200


def test_query_is_trimmed_to_a_sane_length():
    assert len(clean_query("λ" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query("  επίδομα \t\n θέρμανσης ") == "επίδομα θέρμανσης"
    assert clean_query("\x00") == ""
