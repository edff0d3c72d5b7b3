"""A person asks for an appointment from a service page with the keyboard
only, reads the reference on the thank-you page and checks the status."""

import pytest

from appointments.models import AppointmentRequest
from directory.models import ServicePage
from tests.browser.conftest import assert_accessible, tab_to


def test_keyboard_only_request_from_a_service_page_then_the_status_check(
    page, live_demo_site, quick_forms
):
    service = ServicePage.objects.get(slug="kea", locale__language_code="el")
    page.goto(service.url)
    assert_accessible(page)
    tab_to(page, "a[href*='/rantevou/?service=']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rantevou/?service=*")
    assert_accessible(page)
    assert page.locator("#id_service").input_value() == str(service.pk)

    tab_to(page, "#id_name")
    page.keyboard.type("Ελένη Παράδειγμα")
    tab_to(page, "#id_phone")
    page.keyboard.type("6912345678")
    tab_to(page, "#id_email")
    page.keyboard.type("eleni.paradeigma@example.org")
    tab_to(page, "#id_message")
    page.keyboard.type("Θέλω βοήθεια με την αίτηση.")
    tab_to(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/efcharistoume/**")
    assert_accessible(page)
    request = AppointmentRequest.objects.get(email="eleni.paradeigma@example.org")
    assert request.service == service
    assert request.reference in page.locator("main").inner_text()

    tab_to(page, "main a[href$='/katastasi/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/katastasi/")
    assert_accessible(page)
    tab_to(page, "#id_reference")
    page.keyboard.type(request.reference.lower().replace("-", " "))
    tab_to(page, "#id_contact")
    page.keyboard.type("5678")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".status-result").count() == 1
    assert "Ελένη" not in page.locator(".status-result").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
def test_form_with_errors_has_no_wcag_violations_and_links_to_the_fields(
    page, live_demo_site, prefix
):
    before = AppointmentRequest.objects.count()
    page.goto(f"{prefix}/rantevou/")
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    page.locator('.error-summary a[href="#id_name"]').click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert AppointmentRequest.objects.count() == before


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_form_fits_the_narrowest_phone_with_and_without_errors(
    page, live_demo_site, prefix
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{prefix}/rantevou/")
    for state in ("empty", "with errors"):
        extra = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert extra <= 0, state
        # The place select, whose options are long, stays inside the screen.
        box = page.locator("#id_where").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, state
        # No group of fields inside another: one level of fieldset.
        assert page.locator("main fieldset fieldset").count() == 0, state
        page.locator("main button[type=submit]").click()
        page.wait_for_selector(".error-summary")
