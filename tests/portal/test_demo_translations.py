"""The demo in English and Arabic (portal/demo/translations.json)."""

import io
import re

import pytest
from wagtail.models import Page

from directory.models import ServicePage
from events.models import EventPage
from portal.demo import translations
from portal.factories import StandardPageFactory

GREEK_LETTERS = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]{2,}")
TEN_SERVICES = [
    "kea",
    "epidoma-stegasis",
    "epidoma-paidiou",
    "epidoma-thermansis",
    "koinoniko-pantopoleio",
    "voitheia-sto-spiti",
    "kapi",
    "psychokoinoniki-stirixi",
    "dorean-nomiki-voitheia",
    "ypostirixi-aitounton-asylo",
]


def main_text(html):
    main = html[html.index("<main") : html.index("</main>")]
    # A form may offer services not translated yet by their Greek names
    # (the appointment form does) rather than hide them.
    main = re.sub(r"<select.*?</select>", " ", main, flags=re.S)
    # A list may show what is not translated yet in Greek, marked as such
    # (lang="el", "(in Greek)"), rather than hide it (#18).
    main = re.sub(r'<(\w+)[^>]*\blang="el"[^>]*>.*?</\1>', " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


def test_every_entry_of_the_file_is_translated_into_english_and_arabic(demo_site):
    home = Page.objects.get(depth=2, locale__language_code="el")
    for entry in translations.load()["pages"]:
        greek = Page.objects.get(url_path=f"{home.url_path}{entry['path']}/")
        for code in ("en", "ar"):
            translated = greek.get_translations().get(locale__language_code=code)
            assert translated.live, translated.url
            assert translated.title == entry[code]["title"]


@pytest.mark.parametrize("prefix", ["/en", "/ar"])
def test_the_ten_most_used_services_are_listed_in_english_and_arabic(
    client, demo_site, prefix
):
    html = client.get(f"{prefix}/programmata-ypiresies/").content.decode()
    for slug in TEN_SERVICES:
        assert f'href="{prefix}/programmata-ypiresies/{slug}/"' in html, slug


def test_translated_directory_filters_its_own_services(client, demo_site):
    english = client.get(
        "/en/programmata-ypiresies/", {"audience": "migrants"}
    ).content.decode()
    assert "Support for asylum seekers and refugees" in english
    assert "Heating Allowance" not in english
    arabic = client.get(
        "/ar/programmata-ypiresies/", {"category": "stegasi"}
    ).content.decode()
    assert "إعانة السكن" in arabic
    assert "البقالة الاجتماعية" not in arabic


def related_snippets(page):
    if isinstance(page, ServicePage):
        yield page.organisation
        yield from page.categories.all()
        yield from page.target_groups.all()
        yield from page.service_areas.all()
        yield from (link.location for link in page.service_locations.all())
    else:
        yield page.organiser
        yield page.location
        yield from page.categories.all()
        yield from page.audience.all()


def test_translated_pages_refer_to_snippets_of_their_own_language(demo_site):
    services = ServicePage.objects.exclude(locale__language_code="el")
    events = EventPage.objects.exclude(locale__language_code="el")
    # Ten services and ten events (twelve with the distribution days), each in
    # English and Arabic.
    assert services.count() == 20
    assert events.count() == 24
    for page in [*services, *events]:
        for snippet in related_snippets(page):
            if snippet is not None:
                assert snippet.locale_id == page.locale_id, (page.url, snippet)


def test_translated_pages_show_no_greek_text(client, demo_site):
    # What may stay Greek: the centre's own name in another script is not
    # shown in <main>; holidays shared by every place are not shown today.
    for page in Page.objects.live().exclude(locale__language_code="el"):
        text = main_text(client.get(page.url).content.decode())
        assert GREEK_LETTERS.findall(text) == [], page.url


def test_the_mobile_unit_schedule_is_in_english_and_arabic(client, demo_site):
    english = client.get("/en/kiniti-monada/").content.decode()
    assert "Kardamyli" in english and "West Mani" in english
    village = client.get("/en/kiniti-monada/kinito-kardamyli/").content.decode()
    assert "The Mobile Unit in Kardamyli</h1>" in village
    arabic = client.get("/ar/kiniti-monada/kinito-kardamyli/").content.decode()
    assert "الوحدة المتنقلة في كارداميلي</h1>" in arabic


def test_running_the_builder_again_adds_nothing(demo_site):
    out = io.StringIO()
    translations.build(out.write)
    assert out.getvalue() == "translations: 0 pages and 0 snippets added"


def test_translating_another_page_is_one_entry_in_the_file(monkeypatch, demo_site):
    home = Page.objects.get(depth=2, locale__language_code="el").specific
    StandardPageFactory(parent=home, slug="syxnes-erotiseis", title="Συχνές ερωτήσεις")
    entries = {
        "snippets": [],
        "pages": [
            {
                "path": "syxnes-erotiseis",
                "en": {"title": "Questions"},
                "ar": {"title": "أسئلة"},
            },
            {"path": "not-built-yet", "en": {"title": "Later"}},
        ],
    }
    monkeypatch.setattr(translations, "load", lambda: entries)
    translations.build(lambda message: None)
    english = Page.objects.get(url_path="/home-en/syxnes-erotiseis/")
    assert english.title == "Questions"
    assert Page.objects.get(url_path="/home-ar/syxnes-erotiseis/").live
