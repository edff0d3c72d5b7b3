"""Issue 25 in a browser: a visitor on a phone finds "Is something wrong on
this page?" at the foot of a place's page, sends the form empty and reads
the errors, reports wrong opening hours and is thanked; an editor finds the
report at the top of the queue. Every page on the way passes axe-core."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from directory.models import CorrectionReport, DirectoryPage, Location
from tests.browser.conftest import assert_accessible

PHONE = {"width": 320, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
PASSWORD = "a-test-password-for-corrections"  # noqa: S105
LINK = {
    "el": "Υπάρχει κάποιο λάθος σε αυτή τη σελίδα;",
    "ar": "هل هناك خطأ في هذه الصفحة؟",
}


@pytest.fixture
def leaves_no_trace(live_demo_site):
    """The live server's tests share one committed database: the reports
    and the editor a test makes are deleted after it."""
    newest = (
        CorrectionReport.objects.order_by("-pk").values_list("pk", flat=True).first()
    )
    users = []
    yield users
    CorrectionReport.objects.filter(pk__gt=newest or 0).delete()
    get_user_model().objects.filter(pk__in=users).delete()


def fits(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["el", "ar"])
def test_visitor_reports_wrong_hours_and_the_editor_sees_it(
    page, live_demo_site, quick_forms, leaves_no_trace, language
):
    directory = DirectoryPage.objects.live().get(locale__language_code=language)
    location = Location.objects.filter(locale_id=directory.locale_id).first()
    page.set_viewport_size(PHONE)
    page.goto(directory.route_url("location", location.slug))
    with page.expect_navigation():
        page.get_by_role("link", name=LINK[language]).click()
    assert_accessible(page, f"{language} form")
    assert fits(page)

    # Sent empty: the errors, first on the page, and nothing stored.
    with page.expect_navigation():
        page.locator("form.correction-form button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page, f"{language} errors")
    assert fits(page)
    assert not CorrectionReport.objects.filter(location=location).exists()

    page.locator("input[name=kind][value=hours]").check()
    page.fill("textarea[name=details]", "Τρίτη κλειστά / مغلق يوم الثلاثاء")
    with page.expect_navigation():
        page.locator("form.correction-form button[type=submit]").click()
    assert "/efcharistoume/" in page.url
    assert_accessible(page, f"{language} thanks")
    report = CorrectionReport.objects.get(location=location)
    assert (report.kind, report.language) == ("hours", language)

    editor = get_user_model().objects.create_user(
        f"editor-corrections-{language}", "ed@example.org", PASSWORD
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    leaves_no_trace.append(editor.pk)
    page.set_viewport_size(DESKTOP)
    page.goto("/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(reverse("directory_corrections:index"))
    first_row = page.locator("table.listing tbody tr").first
    assert location.name in first_row.inner_text()
    assert_accessible(page, "queue")
