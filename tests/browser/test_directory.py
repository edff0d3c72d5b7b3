import datetime
import re

import pytest
from playwright.sync_api import expect

from core import chrome
from directory.models import DirectoryPage, Location, Organisation, ServicePage
from tests.browser.conftest import axe_violations

DIRECTORY = "/programmata-ypiresies/"


def tab_to(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    pytest.fail(f"no element reached with Tab matches {predicate_js}")


def sheets(pdf):
    """How many pages a PDF that Chromium printed has."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("language", ["", "/en", "/ar"])
def test_every_printable_checklist_fits_one_a4_sheet(page, live_demo_site, language):
    # The printout says it fits on one sheet: every service's, in every
    # language, with its key facts, places, weeks and closures ahead.
    addresses = set()
    for number in range(1, 6):
        page.goto(f"{language}{DIRECTORY}?page={number}")
        links = page.locator(".service-list a").evaluate_all(
            "links => links.map(link => new URL(link.href).pathname)"
        )
        if not links or links[0] in addresses:
            break
        addresses.update(links)
    assert len(addresses) >= 10
    too_long = []
    for address in sorted(addresses):
        page.goto(address + "ektyposi/")
        if sheets(page.pdf(format="A4")) != 1:
            too_long.append(address)
    assert too_long == []


def test_directory_can_be_filtered_with_the_keyboard(page, live_demo_site):
    page.goto(DIRECTORY)
    assert axe_violations(page) == []
    # The header's menu and the alert are <details> too: go to the filters'.
    tab_to(page, "document.activeElement.matches('summary.filters__toggle')")
    page.keyboard.press("Enter")
    # Tab reaches a radio group once; the arrow keys choose within it.
    tab_to(page, "document.activeElement.name === 'audience'")
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == "filter-audience-elderly":
            break
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#filter-audience-elderly")
    tab_to(page, "document.activeElement.matches('.filters button[type=submit]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**audience=elderly**")
    results = page.locator(".service-list li")
    assert results.count() > 0
    assert page.locator(".active-filters").is_visible()
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_a_service_can_be_found_and_read(page, live_demo_site):
    page.goto(DIRECTORY)
    page.fill("#directory-q", "Κοινωνικό Παντοπωλείο")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=**")
    with page.expect_navigation():
        page.locator(".service-list a").first.click()
    assert page.locator("h1").count() == 1
    assert page.locator("#documents, #who").count() >= 1
    assert axe_violations(page) == []
    assert page.csp_violations == []

    print_link = page.get_by_role("link", name="Εκτυπώσιμη λίστα ελέγχου")
    if print_link.count() == 0:
        print_link = page.locator("a[href$='ektyposi/']")
    print_link.first.click()
    assert axe_violations(page) == []
    # The checklist fits on one A4 sheet.
    pdf = page.pdf(format="A4")
    assert sheets(pdf) == 1


def test_the_map_appears_only_when_asked_for(page, live_demo_site):
    # The main office has coordinates in the demo, so its page has a map.
    page.goto(DIRECTORY + "topothesies/kentro-koinotitas/")
    button = page.get_by_role("button", name="Εμφάνιση σε χάρτη")
    assert button.count() == 1
    assert page.locator(".leaflet-container").count() == 0
    button.first.click()
    # The library is fetched on the click: wait for it rather than race it.
    expect(page.locator(".leaflet-container")).to_have_count(1)
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_the_out_of_date_notice_reads_well_on_the_narrowest_phone(
    page, live_demo_site, language
):
    # The ΚΑΠΗ (translated in the demo), last checked past twice its
    # interval (#25).
    greek = ServicePage.objects.get(locale__language_code="el", slug="kapi")
    pages = ServicePage.objects.filter(translation_key=greek.translation_key)
    pages.update(last_reviewed=datetime.date(2024, 1, 31), reviewed_by="centre")
    chrome.bump()  # as publishing the change does
    service = pages.get(locale__language_code=language)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.goto(service.url).status == 200
    notice = page.locator(".stale-notice")
    expect(notice).to_be_visible()
    expect(notice.locator("a[href^='tel:']")).to_have_count(1)
    expect(page.locator(".checked-line")).to_be_visible()
    extra = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert extra <= 0
    assert axe_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["el", "en", "ar"])
@pytest.mark.parametrize("kind", ["location", "organisation"])
def test_places_and_organisations_say_when_they_were_checked(
    page, live_demo_site, language, kind
):
    """A place and an organisation past twice their interval (#25): the
    notice with a number to call and the "checked on" line, on the
    narrowest phone, in three languages. Put back afterwards: the browser
    tests share one committed database."""
    model = Location if kind == "location" else Organisation
    greek = model.objects.filter(locale__language_code="el").order_by("pk").first()
    records = model.objects.filter(translation_key=greek.translation_key)
    kept = list(records.values_list("pk", "last_reviewed", "reviewed_by"))
    records.update(last_reviewed=datetime.date(2024, 1, 31), reviewed_by="centre")
    chrome.bump()  # as saving the record does
    try:
        directory = DirectoryPage.objects.live().get(locale__language_code=language)
        record = records.filter(locale=directory.locale).first() or greek
        url = directory.url + directory.reverse_subpage(kind, args=(record.slug,))
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.goto(url).status == 200
        notice = page.locator(".stale-notice")
        expect(notice).to_be_visible()
        expect(page.locator(".checked-line")).to_be_visible()
        if record.phones.exists():
            expect(notice.locator("a[href^='tel:']")).to_have_count(1)
        extra = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert extra <= 0
        assert axe_violations(page) == []
        assert page.csp_violations == []
    finally:
        for pk, last_reviewed, reviewed_by in kept:
            model.objects.filter(pk=pk).update(
                last_reviewed=last_reviewed, reviewed_by=reviewed_by
            )
        chrome.bump()
