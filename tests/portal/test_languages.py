import pytest
from wagtail.models import Page

from portal.factories import StandardPageFactory


def switcher_links(html):
    start = html.index('class="language-switcher"')
    return html[start : html.index("</nav>", start)]


def test_greek_is_at_the_root_and_english_and_arabic_are_prefixed(client, demo_site):
    greek = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert '<html lang="el" dir="ltr">' in greek
    assert '<html lang="en" dir="ltr">' in english
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "Τι χρειάζεστε;" in greek
    assert "What do you need?" in english
    assert "ماذا تحتاج؟" in arabic


def test_switcher_leads_to_the_same_page_in_the_other_language(client, demo_site):
    about = Page.objects.get(slug="poioi-eimaste", locale__language_code="el")
    links = switcher_links(client.get(about.url).content.decode())
    assert 'href="/en/poioi-eimaste/"' in links
    assert 'href="/ar/poioi-eimaste/"' in links


def test_switcher_falls_back_to_the_home_page_and_says_so(client, demo_site):
    home = Page.objects.get(depth=2, locale__language_code="el")
    only_greek = StandardPageFactory(parent=home, slug="mono-ellinika", title="Μόνο")
    html = client.get(only_greek.url).content.decode()
    links = switcher_links(html)
    assert 'href="/en/"' in links
    assert 'class="visually-hidden"' in links
    # Alternates name only real translations.
    assert 'hreflang="en"' not in html.split("</head>")[0]


@pytest.mark.parametrize("path", ["/", "/en/", "/ar/"])
def test_hreflang_alternates_name_every_translation(client, demo_site, path):
    head = client.get(path).content.decode().split("</head>")[0]
    for code, prefix in (("el", "/"), ("en", "/en/"), ("ar", "/ar/")):
        assert f'hreflang="{code}" href="http://testserver{prefix}"' in head


def test_not_found_page_speaks_the_visitors_language(client, demo_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()
