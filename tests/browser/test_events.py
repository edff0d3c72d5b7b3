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
    "/kiniti-monada/kinito-kardamyli/",
    "/en/kiniti-monada/kinito-meligalas/",
    "/ar/kiniti-monada/kinito-filiatra/",
]
PHONE = {"width": 360, "height": 740}


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
    # On a phone the filters are folded under "Φίλτρα": open them as a
    # keyboard user would, with Enter on the summary.
    tab_until(page, "document.activeElement.matches('.event-filters__toggle')")
    page.keyboard.press("Enter")
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
    assert page.locator("ol.month").count() == 1
    tab_until(page, "document.activeElement.rel === 'next'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**month={following:%Y-%m}*")
    assert page.locator("ol.month").count() == 1
    # The Mobile Unit's weekly rounds appear in every month.
    assert page.locator("ol.month a").count() > 0
    tab_until(page, "document.activeElement.rel === 'prev'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**month={today:%Y-%m}*")
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_a_villager_picks_the_village_subscribes_and_adds_one_visit(
    page, live_demo_site
):
    """On a phone: pick a village, see its next visit on the first screen,
    subscribe to its visits, and download one visit as one event."""
    import icalendar

    page.set_viewport_size(PHONE)
    page.goto("/kiniti-monada/")
    assert axe_violations(page) == []
    page.select_option("#village-picker-stop", "kinito-meligalas")
    page.click(".village-picker button[type=submit]")
    page.wait_for_url(lambda url: "/kiniti-monada/kinito-meligalas/" in url)
    assert page.locator("h1").inner_text() == "Η Κινητή Μονάδα στον Μελιγαλά"
    date = page.locator(".next-visit__date")
    box = date.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    add = page.locator(".next-visit__actions a[download]")
    assert add.bounding_box()["y"] < PHONE["height"] * 1.5
    assert axe_violations(page) == []
    assert page.csp_violations == []

    subscribe = page.locator(".next-visit__actions a[href^='webcal://']")
    webcal = subscribe.get_attribute("href")
    assert webcal.endswith("/kiniti-monada/kinito-meligalas/visits.ics")
    feed = page.request.get("http://" + webcal.split("://", 1)[1])
    assert feed.ok
    visits = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert len(visits) > 1
    assert {str(visit["location"]).split(",")[0] for visit in visits} == {
        "Κινητή Μονάδα – Μελιγαλάς"
    }

    with page.expect_download() as download:
        add.click()
    body = open(download.value.path(), "rb").read()
    (visit,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(visit["summary"]) == "Η Κινητή Μονάδα στον Μελιγαλά"
    assert visit.decoded("dtstart").isoformat() == date.locator("time").get_attribute(
        "datetime"
    )


def test_the_village_picker_works_without_javascript(browser, live_demo_site):
    context = browser.new_context(
        base_url=live_demo_site.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/kiniti-monada/")
    page.select_option("#village-picker-stop", "kinito-filiatra")
    page.click(".village-picker button[type=submit]")
    page.wait_for_url(lambda url: "/kiniti-monada/kinito-filiatra/" in url)
    assert "Η Κινητή Μονάδα στα Φιλιατρά" in page.locator("h1").inner_text()
    context.close()
