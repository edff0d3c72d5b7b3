from django.contrib.auth import get_user_model

from portal.models import CampaignPage


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
    page.wait_for_url("**/admin/")

    campaign = CampaignPage.objects.first()
    page.goto(f"/admin/pages/{campaign.pk}/edit/")
    page.wait_for_selector("#id_title")
    assert page.input_value("#id_title") == campaign.title
    assert page.csp_violations == []
