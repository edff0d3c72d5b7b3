"""Phone first: on a 360×740 screen, in Greek, English and Arabic, the
answer is on the first screen. The header is one or two short rows, with a
menu that opens without JavaScript; every page's h1 is within the first 400
pixels; a service page offers the request and a call before any scrolling;
a form that comes back with errors starts with its error summary, focused;
the map library loads only when a visitor asks for the map; and a page
(HTML, CSS and JavaScript) weighs under 100 KB."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from directory.models import ServicePage
from tests.browser.conftest import assert_accessible
from tests.browser.pages import first_of_each_type

PHONE = {"width": 360, "height": 740}
H1_BUDGET = 400  # px from the top of the page
WEIGHT_BUDGET = 100 * 1024  # bytes of HTML, CSS and JavaScript
PREFIX = {"el": "", "en": "/en", "ar": "/ar"}


def page_type_urls(language):
    return [page.url for page in first_of_each_type(language).values()]


def top_of(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown on {page.url}"
    return box["y"]


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_every_page_types_h1_is_on_the_first_screen(page, live_demo_site, language):
    page.set_viewport_size(PHONE)
    urls = page_type_urls(language)
    assert len(urls) >= 10
    late = {}
    for url in urls:
        assert page.goto(url).status == 200, url
        y = top_of(page, "h1")
        if y > H1_BUDGET:
            late[url] = y
    assert late == {}


@pytest.mark.parametrize("language", ["el", "ar"])
def test_a_service_page_offers_the_request_and_a_call_before_scrolling(
    page, live_demo_site, language
):
    page.set_viewport_size(PHONE)
    service = ServicePage.objects.get(slug="kea", locale__language_code=language)
    page.goto(service.url)
    request = page.locator(".service__actions a[href*='/rantevou/?service=']")
    call = page.locator(".service__actions a[href^='tel:']")
    for action in (request, call):
        box = action.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], page.url
    # What you get comes before who can apply, the documents and the places.
    facts = page.locator(".key-facts")
    expect(facts).to_contain_text("216 €")
    assert top_of(page, ".key-facts") < top_of(page, "#who")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["el", "ar"])
def test_the_menu_opens_without_javascript_and_is_open_on_a_laptop(
    browser, live_demo_site, language
):
    context = browser.new_context(
        base_url=live_demo_site.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{PREFIX[language]}/")
    menu = page.locator(".main-nav__list a").nth(1)
    expect(menu).to_be_hidden()
    # The header is short: the name, the languages, "Menu" and the request.
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 160
    expect(page.locator(".site-header__request")).to_be_visible()
    page.locator(".main-nav__toggle").click()
    expect(menu).to_be_visible()
    # The header lines up with the content column, mirrored in Arabic.
    main = page.locator("main").bounding_box()
    brand = page.locator(".site-header__brand").bounding_box()
    if language == "ar":
        assert abs((brand["x"] + brand["width"]) - (main["x"] + main["width"])) <= 24
    else:
        assert abs(brand["x"] - main["x"]) <= 24
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{PREFIX[language]}/")
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(menu).to_be_visible()
    first = page.locator(".main-nav__list > li").first.bounding_box()
    main = page.locator("main").bounding_box()
    if language == "ar":
        assert abs((first["x"] + first["width"]) - (main["x"] + main["width"])) <= 24
    else:
        assert abs(first["x"] - main["x"]) <= 24
    context.close()


def test_the_alert_is_one_line_that_opens(browser, live_demo_site):
    context = browser.new_context(
        base_url=live_demo_site.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/")
    alert = page.locator(".alert").first
    message = alert.locator(".alert__message")
    expect(message).to_be_hidden()
    alert.locator("summary").click()
    expect(message).to_be_visible()
    context.close()


@pytest.mark.parametrize(
    ("language", "error_word"), [("el", "Σφάλμα:"), ("en", "Error:"), ("ar", "خطأ:")]
)
@pytest.mark.parametrize(
    "path",
    ["/rantevou/", "/rantevou/katastasi/", "/ethelontismos/eggrafi/"],
)
def test_a_form_with_errors_starts_with_its_focused_summary(
    page, live_demo_site, language, error_word, path
):
    page.set_viewport_size(PHONE)
    page.goto(PREFIX[language] + path)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()
    assert page.title().startswith(error_word), page.title()
    summary = page.locator(".error-summary")
    # First in <main>, on the first screen, and where the focus is.
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.classList"
        ".contains('error-summary')"
    )
    assert top_of(page, ".error-summary") < H1_BUDGET
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    # Short link texts: no sentence-long consent label repeated.
    for text in summary.locator("a").all_inner_texts():
        assert len(text) <= 90, text
    assert_accessible(page)


def test_the_map_library_loads_only_when_asked(page, live_demo_site):
    page.set_viewport_size(PHONE)
    # The tile server is a third party: the test never reaches it.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    service = ServicePage.objects.get(slug="kea", locale__language_code="el")
    page.goto(service.url)
    page.wait_for_load_state("load")
    assert not [url for url in loaded if "leaflet" in url or "openstreetmap" in url]
    button = page.locator("[data-map] button").first
    button.click()
    expect(page.locator(".map__canvas").first).to_be_visible()
    # Leaflet draws its container only once its script has run.
    expect(page.locator(".leaflet-container").first).to_be_visible()
    assert [url for url in loaded if url.endswith("leaflet.js")]
    # The phone's own maps app is offered beside the directions.
    assert page.locator("a[href^='geo:']").count() >= 1


@pytest.mark.parametrize("language", ["el", "ar"])
def test_every_page_type_weighs_under_100_kb(page, live_demo_site, language):
    page.set_viewport_size(PHONE)
    heavy = {}
    for url in page_type_urls(language):
        sizes = []

        def count(response, sizes=sizes):
            kind = response.request.resource_type
            if kind in ("document", "stylesheet", "script"):
                sizes.append(len(response.body()))

        page.on("response", count)
        page.goto(url)
        page.wait_for_load_state("load")
        page.remove_listener("response", count)
        if sum(sizes) >= WEIGHT_BUDGET:
            heavy[url] = sum(sizes)
    assert heavy == {}


@pytest.mark.parametrize(
    ("language", "words"), [("el", "επίδομα"), ("en", "allowance"), ("ar", "إعانة")]
)
def test_after_a_search_the_first_result_is_on_the_first_screen(
    page, live_demo_site, language, words
):
    page.set_viewport_size(PHONE)
    directory = Page.objects.get(
        content_type__model="directorypage", locale__language_code=language
    )
    for url in (directory.url, f"{PREFIX[language]}/anazitisi/"):
        page.goto(f"{url}?q={words}")
        first = page.locator(".service-list > li, .search-result").first
        assert top_of(page, ".service-list > li, .search-result") < PHONE["height"]
        expect(first).to_be_visible()


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_the_home_pages_search_box_is_on_the_first_screen(
    page, live_demo_site, language
):
    page.set_viewport_size(PHONE)
    page.goto(f"{PREFIX[language]}/")
    box = page.locator("#home-search").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
