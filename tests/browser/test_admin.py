from base64 import b32decode

from django.contrib.auth import get_user_model
from django_otp.oath import totp

from portal.models import CampaignPage


def code_from_key(text):
    """What an authenticator app shows for the key typed by hand."""
    key = b32decode("".join(text.split()))
    return f"{totp(key):06d}"


def test_editor_works_in_the_admin_under_the_content_security_policy(
    page, live_demo_site
):
    get_user_model().objects.create_superuser(
        "editor", "editor@kentro.example", "a-test-password"
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-test-password")
    page.keyboard.press("Enter")
    # A superuser sets up the second factor before anything else.
    page.wait_for_url("**/admin/2fa/setup/**")
    assert page.is_visible("img[alt]")
    page.fill("#id_code", code_from_key(page.inner_text("code")))
    page.keyboard.press("Enter")
    page.wait_for_selector(".recovery-codes")
    assert page.locator(".recovery-codes li").count() == 10
    # With the code given, the admin opens (no more set-up page).
    page.goto("/admin/")
    assert page.url.endswith("/admin/"), page.url

    campaign = CampaignPage.objects.first()
    page.goto(f"/admin/pages/{campaign.pk}/edit/")
    page.wait_for_selector("#id_title")
    assert page.input_value("#id_title") == campaign.title
    assert page.csp_violations == []
