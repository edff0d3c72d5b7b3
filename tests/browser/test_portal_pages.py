import pytest
from wagtail.models import Page

from tests.browser.conftest import axe_violations

PAGE_TYPES = ["homepage", "standardpage", "campaignindexpage", "campaignpage"]


def first_url(model, language="el"):
    return (
        Page.objects.live()
        .filter(content_type__model=model, locale__language_code=language)
        .order_by("path")
        .first()
        .url
    )


@pytest.mark.parametrize("model", PAGE_TYPES)
@pytest.mark.parametrize("language", ["el", "en"])
def test_page_type_has_no_wcag_violations(page, live_demo_site, model, language):
    if model == "campaignpage" and language == "en":
        language = "el"  # campaigns are published in Greek in the demo
    page.goto(first_url(model, language))
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_home_page_can_be_used_with_the_keyboard_alone(page, live_demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("href") == "#main-content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # Focus reaches the search box in order, and the search works by keyboard.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    page.keyboard.type("θέρμανσης")
    page.keyboard.press("Enter")
    page.wait_for_url("**/anazitisi/**")
    assert "Επίδομα θέρμανσης" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_focus_is_visible_on_links(page, live_demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_arabic_home_page_is_mirrored(page, live_demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    brand = page.locator(".site-header__brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    # The centre's name starts on the right in Arabic, the switcher on the left.
    assert brand["x"] > switcher["x"]
    page.goto("/en/")
    brand = page.locator(".site-header__brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert brand["x"] < switcher["x"]
    assert axe_violations(page) == []
