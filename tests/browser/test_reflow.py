"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing makes the page scroll
sideways, in Greek, English and Arabic (right to left)."""

import pytest
from wagtail.models import Page

NARROWEST = {"width": 320, "height": 640}
PAGE_TYPES = [
    "homepage",
    "standardpage",
    "campaignindexpage",
    "campaignpage",
    "directorypage",
    "servicepage",
    "eventindexpage",
    "eventpage",
    "mobileunitpage",
    "volunteerindexpage",
    "volunteeropportunitypage",
    "appointmentpage",
]


def urls(language):
    found = []
    for model in PAGE_TYPES:
        page = (
            Page.objects.live()
            .filter(content_type__model=model, locale__language_code=language)
            .order_by("path")
            .first()
        )
        if page is not None:
            found.append(page.url)
    return found


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_no_page_scrolls_sideways_on_the_narrowest_phone(
    page, live_demo_site, language
):
    page.set_viewport_size(NARROWEST)
    visited = urls(language)
    assert len(visited) >= 10  # every page type has a demo page, or nearly
    overflowing = {}
    for url in visited:
        page.goto(url)
        extra = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if extra > 0:
            overflowing[url] = extra
    assert overflowing == {}
