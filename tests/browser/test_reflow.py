"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing makes the page scroll
sideways, in Greek, English and Arabic (right to left): every page type, the
events in every filter state and as a month (a list of days on a phone),
and a Mobile Unit village."""

import pytest

from tests.browser.pages import first_of_each_type

NARROWEST = {"width": 320, "height": 640}


# The events list in every filter state, the month view (with filters too)
# and a Mobile Unit village page: added to each language's pages.
EVENT_STATES = [
    "?view=month",
    "?view=month&when=week&attendance=in_person",
    "?when=today",
    "?when=week",
    "?when=month",
    "?when=past",
    "?when=range&start=2026-12-01&end=2027-01-31",
    "?category=politismos",
    "?audience=elderly",
    "?municipality=dytiki-mani",
    "?location=kentro-koinotitas",
    "?attendance=online",
    "?attendance=in_person",
    "?when=zzz&start=2026-99-01",
    "?page=2",
]
VILLAGE = "kinito-kardamyli/"


def urls(language):
    found = []
    for model, page in first_of_each_type(language).items():
        found.append(page.url)
        if model == "eventindexpage":
            found += [page.url + state for state in EVENT_STATES]
        if model == "mobileunitpage":
            found.append(page.url + VILLAGE)
    return found


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_no_page_scrolls_sideways_on_the_narrowest_phone(
    page, live_demo_site, language
):
    page.set_viewport_size(NARROWEST)
    visited = urls(language)
    assert len(visited) >= 10 + len(EVENT_STATES) + 1
    overflowing = {}
    for url in visited:
        assert page.goto(url).status == 200, url
        extra = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if extra > 0:
            overflowing[url] = extra
    assert overflowing == {}


@pytest.mark.parametrize("language", ["el", "ar"])
def test_the_month_is_a_list_of_days_on_a_phone(page, live_demo_site, language):
    page.set_viewport_size(NARROWEST)
    prefix = "" if language == "el" else f"/{language}"
    assert page.goto(f"{prefix}/ekdiloseis/?view=month").status == 200
    days = page.locator("ol.month > li")
    shown = [days.nth(n) for n in range(days.count()) if days.nth(n).is_visible()]
    assert shown, "a month with events shows its busy days"
    # One day under another, each as wide as the list, its date in words.
    boxes = [day.bounding_box() for day in shown]
    assert all(b["width"] > NARROWEST["width"] * 0.8 for b in boxes)
    assert all(a["y"] < b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert shown[0].locator(".month__long-date").is_visible()
    assert not page.locator(".month__weekdays").is_visible()
