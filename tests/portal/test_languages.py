import datetime
import html as html_module
import re
from pathlib import Path

import pytest
from django.utils import formats, timezone, translation
from wagtail.models import Locale, Page, get_page_models

from events.models import EventPage
from portal.factories import StandardPageFactory
from volunteers.models import VolunteerOpportunityPage


def switcher_links(html):
    if isinstance(html, bytes):
        html = html.decode()
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


def test_switcher_on_an_untranslated_page_keeps_the_page_and_says_so(client, demo_site):
    """A Greek visitor on a page that exists only in Greek, choosing English
    or Arabic, stays on the page and is told why, in the language chosen; an
    English visitor who came to it from the English directory meets the same
    switcher there."""
    home = Page.objects.get(depth=2, locale__language_code="el")
    only_greek = StandardPageFactory(parent=home, slug="mono-ellinika", title="Μόνο")
    html = client.get(only_greek.url).content.decode()
    links = switcher_links(html)
    assert 'href="/mono-ellinika/?untranslated=en" hreflang="el"' in links
    assert 'href="/mono-ellinika/?untranslated=ar" hreflang="el"' in links
    assert "/en/?untranslated" not in links
    assert 'class="visually-hidden"' in links
    # Alternates name only real translations.
    assert 'hreflang="en"' not in html.split("</head>")[0]
    english = client.get("/mono-ellinika/?untranslated=en").content.decode()
    assert (
        '<p class="language-note" role="status" lang="en" dir="ltr">'
        "This page is not yet available in English; here it is in Greek.</p>"
    ) in english
    assert "Μόνο" in english
    arabic = client.get("/mono-ellinika/?untranslated=ar").content.decode()
    assert 'lang="ar" dir="rtl">هذه الصفحة غير متاحة بعد باللغة' in arabic
    # Chosen again, English leads to the same page, not the English home page.
    assert 'href="/mono-ellinika/?untranslated=en"' in switcher_links(english)
    # Without the switcher, no note.
    assert "language-note" not in html


@pytest.mark.parametrize("path", ["/", "/en/", "/ar/"])
def test_hreflang_alternates_name_every_translation(client, demo_site, path):
    head = client.get(path).content.decode().split("</head>")[0]
    for code, prefix in (("el", "/"), ("en", "/en/"), ("ar", "/ar/")):
        assert f'hreflang="{code}" href="http://testserver{prefix}"' in head


def test_not_found_page_speaks_the_visitors_language(client, demo_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()


# Every page type, and the pages behind a page's own routes, in every language.

LANGUAGES = {"el": "", "en": "/en", "ar": "/ar"}
SUBPAGES = [
    "/programmata-ypiresies/?q=%CE%BA%CE%B5%CE%B1",
    "/programmata-ypiresies/kea/ektyposi/",
    "/programmata-ypiresies/foreis/opeka/",
    "/programmata-ypiresies/topothesies/kentro-koinotitas/",
    "/ekdiloseis/?view=month",
    "/ethelontismos/eggrafi/",
    "/anazitisi/?q=kea",
]


def html_opening(code):
    return f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">'


def test_every_page_type_renders_in_every_language(client, demo_site):
    untranslated = []
    for model in get_page_models():
        if model is Page:
            continue
        for code in LANGUAGES:
            page = (
                model.objects.live()
                .filter(locale__language_code=code)
                .order_by("path")
                .first()
            )
            if page is None:
                untranslated.append(f"{model.__name__} in {code}")
                continue
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert html_opening(code) in response.content.decode(), page.url
    # A new page type joins the demo translations (portal/demo/translations.json).
    assert untranslated == []


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("path", SUBPAGES)
def test_routes_inside_pages_render_in_every_language(client, demo_site, code, path):
    response = client.get(LANGUAGES[code] + path)
    assert response.status_code == 200
    assert html_opening(code) in response.content.decode()


def test_every_translated_page_has_a_switcher_leading_to_its_translations(
    client, demo_site
):
    greek_pages = Page.objects.live().filter(locale__language_code="el", depth__gt=1)
    checked = 0
    for greek in greek_pages.order_by("path"):
        versions = {
            page.locale.language_code: page
            for page in greek.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
        if set(versions) != set(LANGUAGES):
            continue
        for code, page in versions.items():
            links = switcher_links(client.get(page.url).content.decode())
            for other, target in versions.items():
                if other != code:
                    assert f'href="{target.url}" hreflang="{other}"' in links, page.url
            assert "untranslated" not in links, page.url
        checked += 1
    assert checked >= 38


def test_switching_from_an_untranslated_service_keeps_it_with_a_note(client, demo_site):
    """A Greek visitor on a service that exists only in Greek, choosing
    English or Arabic, reads the service in Greek with a note in the language
    chosen, not the home page of that language."""
    greek = Page.objects.get(slug="ekdosi-amka", locale__language_code="el")
    assert not greek.get_translations().exists()
    links = switcher_links(client.get(greek.url).content.decode())
    assert f'href="{greek.url}?untranslated=en"' in links
    assert f'href="{greek.url}?untranslated=ar"' in links
    assert "?untranslated=1" not in links
    assert "η σελίδα δεν έχει μεταφραστεί ακόμη" in links

    english = client.get(f"{greek.url}?untranslated=en").content.decode()
    assert "This page is not yet available in English; here it is in Greek." in english
    assert greek.title in english
    arabic = client.get(f"{greek.url}?untranslated=ar").content.decode()
    assert "هذه الصفحة غير متاحة بعد باللغة الإنجليزيّة" not in arabic
    assert "هذه الصفحة غير متاحة بعد باللغة العربيّة" in arabic
    assert "not yet available" not in client.get(greek.url).content.decode()
    # The home page's own note stays for a link that has no page to keep.
    assert (
        "غير متوفرة بهذه اللغة بعد"
        in client.get("/ar/?untranslated=1").content.decode()
    )


def test_an_english_page_switches_back_to_greek_and_on_to_arabic(client, demo_site):
    links = switcher_links(client.get("/en/programmata-ypiresies/kea/").content)
    assert 'href="/programmata-ypiresies/kea/" hreflang="el"' in links
    assert 'href="/ar/programmata-ypiresies/kea/" hreflang="ar"' in links
    assert 'aria-current="true" lang="en"' in links


# Dates, times and numbers in the reader's language.

GREEK_MONTHS = [
    "Ιανουαρίου",
    "Φεβρουαρίου",
    "Μαρτίου",
    "Απριλίου",
    "Μαΐου",
    "Ιουνίου",
    "Ιουλίου",
    "Αυγούστου",
    "Σεπτεμβρίου",
    "Οκτωβρίου",
    "Νοεμβρίου",
    "Δεκεμβρίου",
]
ENGLISH_MONTHS = [datetime.date(2026, n, 1).strftime("%B") for n in range(1, 13)]


@pytest.mark.parametrize(
    ("code", "date", "time", "short"),
    [
        ("el", "24 Νοεμβρίου 2026", "17:05", "24/11/2026 17:05"),
        ("en", "24 November 2026", "17:05", "24/11/2026 17:05"),
        ("ar", "24 نوفمبر، 2026", "17:05", "24/11/2026 17:05"),
    ],
)
def test_default_formats_use_the_readers_months_and_a_24_hour_clock(
    code, date, time, short
):
    moment = datetime.datetime(2026, 11, 24, 17, 5)
    with translation.override(code):
        assert formats.date_format(moment) == date
        assert formats.time_format(moment.time()) == time
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == short
        assert date in formats.date_format(moment, "DATETIME_FORMAT")


def test_numbers_follow_the_readers_language():
    with translation.override("el"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1.234,5"
    with translation.override("en"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"


def test_event_times_are_on_a_24_hour_clock_with_month_names_of_each_language(
    client, demo_site
):
    lessons = EventPage.objects.get(
        slug="mathimata-ellinikon", locale__language_code="el"
    )
    upcoming = lessons.occurrences.filter(start__gte=timezone.now()).order_by("start")
    day = timezone.localtime(upcoming.first().start).date()
    for code, months in (("el", GREEK_MONTHS), ("en", ENGLISH_MONTHS)):
        event = lessons.get_translation(Locale.objects.get(language_code=code))
        html = client.get(event.url).content.decode()
        assert f"{day.day} {months[day.month - 1]} {day.year}" in html, code
        assert "17:00" in html
        assert "μ.μ." not in html and "p.m." not in html
    arabic = lessons.get_translation(Locale.objects.get(language_code="ar"))
    assert "17:00" in client.get(arabic.url).content.decode()


def test_opportunity_dates_use_the_greek_genitive(client, demo_site):
    events = VolunteerOpportunityPage.objects.get(
        slug="ekdiloseis", locale__language_code="el"
    )
    start = events.starts_on
    html = client.get(events.url).content.decode()
    assert f"{start.day} {GREEK_MONTHS[start.month - 1]} {start.year}" in html


def test_languages_are_named_in_the_readers_language(client, demo_site):
    english = client.get("/en/programmata-ypiresies/").content.decode()
    arabic = client.get("/ar/programmata-ypiresies/").content.decode()
    greek = client.get("/programmata-ypiresies/").content.decode()
    assert '>Arabic (<bdi lang="ar">العربية</bdi>) <' in english
    assert "Αραβικά" not in english
    assert ">العربية <" in arabic  # its own language: the endonym alone
    assert '>Αραβικά (<bdi lang="ar">العربية</bdi>) <' in greek


# A day of the month, then the month's name ("j F"), in a format string.
DAY_THEN_MONTH_NAME = re.compile(r"j[ ,.]*F")


def test_a_day_of_the_month_takes_the_month_in_the_genitive():
    """Greek says "Δευτέρα 30 Νοεμβρίου", never "30 Νοέμβριος": a date with
    its day uses E (Django's alternative month name, the genitive in Greek;
    the same word as F in English and Arabic), never F. A month alone, as a
    calendar's heading, keeps F ("Νοέμβριος 2026")."""
    root = Path(__file__).resolve().parents[2]
    sources = [
        path
        for pattern in ("*/**/*.py", "templates/**/*.html", "templates/**/*.txt")
        for path in root.glob(pattern)
        if not path.is_relative_to(root / ".venv")
        and not path.is_relative_to(root / "tests")
    ]
    assert len(sources) > 200
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DAY_THEN_MONTH_NAME.search(line) and ("date" in line or "FORMAT" in line)
    ]
    assert offenders == []
    day = datetime.date(2026, 11, 30)
    expected = {
        "el": "Δευτέρα 30 Νοεμβρίου 2026",
        "en": "Monday 30 November 2026",
        "ar": "الاثنين 30 نوفمبر 2026",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert formats.date_format(day, "l j E Y") == text
            assert formats.date_format(day, "DATE_FORMAT").count("30") == 1
    with translation.override("el"):
        assert formats.date_format(day, "F Y") == "Νοέμβριος 2026"


# What a reader of each language notices at once (issue 18): a month named in
# the nominative after its day in Greek, a Latin question mark in Greek or
# Arabic, a Latin comma between Arabic words.
NOMINATIVE_MONTHS = (
    "Ιανουάριος|Φεβρουάριος|Μάρτιος|Απρίλιος|Μάιος|Ιούνιος|Ιούλιος|Αύγουστος|"
    "Σεπτέμβριος|Οκτώβριος|Νοέμβριος|Δεκέμβριος"
)
MISTAKES = {
    "el": [
        re.compile(rf"\b\d{{1,2}}\s+({NOMINATIVE_MONTHS})\b"),
        re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]\s*\?"),
    ],
    "ar": [
        re.compile(r"[\u0600-\u06ff]\s*,\s*[\u0600-\u06ff]"),
        re.compile(r"[\u0600-\u06ff]\s*\?"),
    ],
}
TEXT_ONLY = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def reader_mistakes(html, code):
    text = html_module.unescape(TEXT_ONLY.sub(" ", html))
    return [
        text[max(0, found.start() - 30) : found.end() + 10]
        for pattern in MISTAKES[code]
        for found in pattern.finditer(text)
    ]


@pytest.mark.parametrize("code", ["el", "ar"])
def test_pages_read_right_in_greek_and_arabic(client, demo_site, code):
    urls = [
        page.url
        for model in get_page_models()
        if model is not Page
        for page in model.objects.live()
        .filter(locale__language_code=code)
        .order_by("path")[:2]
    ]
    urls += [LANGUAGES[code] + path for path in SUBPAGES]
    urls.append(
        LANGUAGES[code] + "/kiniti-monada/kinito-meligalas/"
    )  # a village's dates
    found = {}
    for url in urls:
        mistakes = reader_mistakes(client.get(url).content.decode(), code)
        if mistakes:
            found[url] = mistakes
    assert found == {}


def test_arabic_pages_carry_the_centre_s_arabic_name(client, demo_site):
    html = client.get("/ar/").content.decode()
    header = html.split("<main", 1)[0]
    assert "مركز المجتمع في كالاماتا" in header
    assert "Kalamata Community Centre" not in header
    assert "Kalamata Community Centre" in client.get("/en/").content.decode()


# A list's items are joined by core.lists (the language's own comma), never
# by a literal ", " in a template.
LITERAL_LIST_COMMA = re.compile(r'forloop\.last %\}, |join:", "|%\}, \{\{|\}\}, \{\{')


def test_templates_join_lists_with_the_language_s_comma():
    root = Path(__file__).resolve().parents[2] / "templates"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*")
        if path.suffix in {".html", ".txt"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LITERAL_LIST_COMMA.search(line)
    ]
    assert found == []
