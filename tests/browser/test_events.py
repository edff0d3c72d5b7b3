import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations

EVENT_URLS = [
    "/ekdiloseis/",
    "/ekdiloseis/?view=month",
    "/ekdiloseis/imerida-kea/",
    "/ekdiloseis/kiniti-monada-kardamyli/",
    "/kiniti-monada/",
]


def tab_until(page, condition, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"never reached with Tab: {condition}")


@pytest.mark.parametrize("url", EVENT_URLS)
def test_event_pages_have_no_wcag_or_csp_violations(page, live_demo_site, url):
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_the_list_can_be_filtered_with_the_keyboard(page, live_demo_site):
    page.goto("/ekdiloseis/")
    tab_until(page, "document.activeElement.name === 'audience'")
    page.keyboard.press("ArrowDown")  # the first group: Δικαιούχοι ΚΕΑ
    assert page.evaluate("document.activeElement.value") == "kea"
    tab_until(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ekdiloseis/?*audience=kea*")
    main = page.locator("main").inner_text()
    assert "Ελάχιστο Εγγυημένο Εισόδημα" in main
    assert "Χριστουγεννιάτικη συναυλία" not in main
    assert axe_violations(page) == []


def test_the_month_view_can_be_paged_with_the_keyboard(page, live_demo_site):
    today = timezone.localdate()
    following = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    page.goto("/ekdiloseis/")
    tab_until(page, "(document.activeElement.href || '').includes('view=month')")
    page.keyboard.press("Enter")
    page.wait_for_url("**view=month*")
    assert page.locator("table caption").count() == 1
    tab_until(page, "document.activeElement.rel === 'next'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**month={following:%Y-%m}*")
    assert page.locator("table caption").count() == 1
    # The Mobile Unit's weekly rounds appear in every month.
    assert page.locator("table a").count() > 0
    tab_until(page, "document.activeElement.rel === 'prev'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**month={today:%Y-%m}*")
    assert axe_violations(page) == []
    assert page.csp_violations == []
