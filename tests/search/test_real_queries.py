"""The queries of issue #19, as visitors typed them, on the seeded demo site:
each fault pinned where a visitor sees it (site search, the directory, the
suggestions box)."""

import re

import pytest

SUGGEST = "/programmata-ypiresies/protaseis/"


def result_titles(response):
    assert response.status_code == 200
    return re.findall(
        r'class="search-result__title"><a [^>]*>([^<]+)<', response.content.decode()
    )


def directory_titles(client, query, prefix=""):
    response = client.get(f"{prefix}/programmata-ypiresies/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'href="[^"]*/programmata-ypiresies/[^"?]+/"[^>]*>([^<]+)<', html)


# --- Arabic: the article and the conjunctions ------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("سكن", "إعانة السكن"),
        ("تدفئة", "إعانة التدفئة"),
        ("لاجئين", "دعم طالبي اللجوء واللاجئين"),
        ("اللاجئين", "دعم طالبي اللجوء واللاجئين"),
        ("دعم نفسي", "الدعم النفسي والاجتماعي"),
        ("اعانه السكن", "إعانة السكن"),
    ],
)
def test_arabic_words_find_the_page_that_has_them_with_article_or_conjunction(
    client, demo_site, query, title
):
    assert title in result_titles(client.get("/ar/anazitisi/", {"q": query}))[:3]


def test_arabic_suggestions_offer_the_page_for_the_word_without_its_article(
    client, demo_site
):
    response = client.get("/ar" + SUGGEST, {"q": "سكن"})
    labels = [entry["label"] for entry in response.json()["suggestions"]]
    assert "إعانة السكن" in labels


# --- Dotted acronyms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("dotted", "plain"),
    [
        ("Κ.Ε.Α.", "ΚΕΑ"),
        ("Κ.Α.Π.Η.", "ΚΑΠΗ"),
        ("Ο.Α.Ε.Δ.", "ΟΑΕΔ"),
        ("Α.Μ.Κ.Α.", "ΑΜΚΑ"),
    ],
)
def test_dotted_acronyms_find_what_the_plain_ones_find(
    client, demo_site, dotted, plain
):
    plain_results = result_titles(client.get("/anazitisi/", {"q": plain}))
    assert plain_results
    assert result_titles(client.get("/anazitisi/", {"q": dotted})) == plain_results
    assert directory_titles(client, dotted) == directory_titles(client, plain)


# --- Everyday phrasing and names -----------------------------------------------------


def test_the_electricity_sentence_finds_the_social_tariff_first(client, demo_site):
    titles = result_titles(
        client.get("/anazitisi/", {"q": "δεν μπορώ να πληρώσω το ρεύμα"})
    )
    assert titles[0] == "Κοινωνικό Οικιακό Τιμολόγιο ρεύματος"


def test_the_electricity_company_finds_the_social_tariff(client, demo_site):
    titles = result_titles(client.get("/anazitisi/", {"q": "ΔΕΗ"}))
    assert "Κοινωνικό Οικιακό Τιμολόγιο ρεύματος" in titles[:3]


@pytest.mark.parametrize("query", ["ΚΕΑ", "ΕΕΕ", "Κ.Ε.Α."])
def test_both_names_of_the_minimum_income_find_the_service_first(
    client, demo_site, query
):
    titles = result_titles(client.get("/anazitisi/", {"q": query}))
    assert titles[0] == "Κοινωνικό Εισόδημα Αλληλεγγύης"


def test_the_new_name_in_full_finds_the_service(client, demo_site):
    titles = result_titles(
        client.get("/anazitisi/", {"q": "ελάχιστο εγγυημένο εισόδημα"})
    )
    assert "Κοινωνικό Εισόδημα Αλληλεγγύης" in titles[:3]


def test_a_query_that_names_the_event_still_finds_the_event_first(client, demo_site):
    titles = result_titles(client.get("/anazitisi/", {"q": "ημερίδα ΚΕΑ"}))
    assert titles[0].startswith("Ενημερωτική ημερίδα")


# --- A query in the script of another language ---------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_arabic_typed_on_another_language_page_offers_the_arabic_results(
    client, demo_site, prefix
):
    html = client.get(f"{prefix}/anazitisi/", {"q": "إعانة السكن"}).content.decode()
    offer = html.split('class="search-other-language"')[1].split("</p>")[0]
    assert 'href="/ar/anazitisi/?q=' in offer
    assert 'lang="ar"' in offer
    arabic = client.get("/ar/anazitisi/", {"q": "إعانة السكن"})
    assert "إعانة السكن" in result_titles(arabic)


def test_a_query_in_the_page_language_offers_no_other_language(client, demo_site):
    html = client.get("/ar/anazitisi/", {"q": "إعانة السكن"}).content.decode()
    assert "search-other-language" not in html
    html = client.get("/en/anazitisi/", {"q": "housing"}).content.decode()
    assert "search-other-language" not in html


@pytest.mark.parametrize(("dotted", "plain"), [("Κ.Ε.Α.", "ΚΕΑ"), ("Α.Μ.Κ.Α.", "ΑΜΚΑ")])
def test_the_hsds_api_finds_the_same_services_for_dotted_acronyms(
    client, demo_site, dotted, plain
):
    def names(query):
        response = client.get("/api/hsds/services", {"search": query})
        assert response.status_code == 200
        return sorted(item["name"] for item in response.json()["contents"])

    assert names(plain)
    assert names(dotted) == names(plain)
