from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible, tab_to
from tests.browser.staff import wait_for_mail
from volunteers.models import Volunteer, VolunteerOpportunityPage


@pytest.mark.parametrize("language", ["el", "en"])
def test_volunteering_page_and_an_opportunity_have_no_wcag_violations(
    page, live_demo_site, language
):
    prefix = "" if language == "el" else "/en"
    page.goto(f"{prefix}/ethelontismos/")
    assert_accessible(page)
    opportunity = (
        VolunteerOpportunityPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    page.goto(opportunity.url)
    assert_accessible(page)


def test_form_with_errors_has_no_wcag_violations_and_links_to_the_fields(
    page, live_demo_site
):
    before = Volunteer.objects.count()
    page.goto("/ethelontismos/eggrafi/")
    assert_accessible(page)
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    page.locator('.error-summary a[href="#id_name"]').click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert Volunteer.objects.count() == before


def test_keyboard_only_sign_up_and_confirmation_from_the_email(
    page, live_demo_site, quick_forms
):
    food = VolunteerOpportunityPage.objects.get(
        slug="dianomi-trofimon", locale__language_code="el"
    )
    page.goto(food.url)
    tab_to(page, "a[href*='eggrafi']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/eggrafi/**")
    assert page.locator(f"input[name=interests][value='{food.pk}']").is_checked()

    tab_to(page, "#id_name")
    page.keyboard.type("Ελένη Παράδειγμα")
    tab_to(page, "#id_email")
    page.keyboard.type("eleni.paradeigma@example.org")
    tab_to(page, "#id_phone")
    page.keyboard.type("6912345678")
    tab_to(page, "input[name=skills][value=food]")
    page.keyboard.press("Space")
    tab_to(page, 'input[name=availability][value="5-morning"]')
    page.keyboard.press("Space")
    tab_to(page, "#id_message")
    page.keyboard.type("Μπορώ τα Σάββατα το πρωί.")
    tab_to(page, "#id_is_adult")
    page.keyboard.press("Space")
    tab_to(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/efcharistoume/")
    assert_accessible(page)
    volunteer = Volunteer.objects.get(email="eleni.paradeigma@example.org")
    assert volunteer.status == Volunteer.Status.UNCONFIRMED
    assert volunteer.availability == ["5-morning"]
    assert list(volunteer.interests.all()) == [food]

    *_, message = wait_for_mail(
        lambda message: message.to == ["eleni.paradeigma@example.org"]
    )
    link = next(line for line in message.body.splitlines() if "/epivevaiosi/" in line)
    page.goto(urlsplit(link.strip()).path)
    assert_accessible(page)
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.NEW
