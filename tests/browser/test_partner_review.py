"""Issue 25, part 2, in a browser: a service falls due and the daily command
e-mails its partner; the partner opens the link, changes the phone and
sends the changes; nothing is public yet. A Moderator follows the e-mail to
the diff, sees the old and the new phone, approves from the dashboard, and
the public page shows the new phone, checked by the organisation, and so do
its English and Arabic pages. The
partner's form and pages pass axe-core; an altered link gets a clear page."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Revision

from directory.models import ReviewRequest, ServicePage
from tests.browser.conftest import assert_accessible
from tests.browser.staff import new_page, sign_in, wait_for_mail

DESKTOP = {"width": 1366, "height": 900}
PARTNER = "partner-browser@example.org"
NEW_PHONE = "2721099777"


@pytest.fixture
def due_service(live_demo_site):
    """A live Greek service with a phone, due (never checked) and with a
    partner's address. The live server's tests share one committed
    database: the original revision is published again afterwards, and the
    requests the test made are deleted."""
    service = (
        ServicePage.objects.live()
        .filter(locale__language_code="el", contacts__phone__gt="")
        .order_by("pk")
        .first()
    )
    original = service.live_revision_id or service.save_revision().pk
    newest = ReviewRequest.objects.order_by("-pk").values_list("pk", flat=True)
    before = newest.first() or 0
    ServicePage.objects.filter(pk=service.pk).update(
        last_reviewed=None, review_email=PARTNER
    )
    mail.outbox.clear()
    yield service
    ReviewRequest.objects.filter(pk__gt=before).delete()
    # As a new revision: later drafts start from the latest one.
    Revision.objects.get(pk=original).as_object().save_revision().publish()


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_partner_changes_the_phone_and_a_moderator_publishes_it(
    page, browser, live_server, due_service, staff_user, quick_forms
):
    contact = next(c for c in due_service.contacts.all() if c.phone)
    old_phone = contact.phone
    moderator_user = staff_user("anna-moderator", "Moderators")
    call_command("send_review_requests")
    (message,) = wait_for_mail(lambda message: PARTNER in message.to)
    assert due_service.title in message.subject
    link = re.search(r"https?://\S+/elegchos/\S+/", message.body).group(0)

    # The partner: the form, prefilled, in Greek.
    page.set_viewport_size(DESKTOP)
    page.goto(path_of(link))
    assert_accessible(page, "partner form")
    phone = page.locator("input[name^=phone_]").first
    expect(phone).to_have_value(old_phone)
    phone.fill(NEW_PHONE)
    with page.expect_navigation():
        page.get_by_role("button", name="Στείλτε τις αλλαγές").click()
    assert "/efcharistoume/" in page.url
    expect(page.locator("h1")).to_have_text("Ευχαριστούμε για τον έλεγχο")
    assert_accessible(page, "partner thanks")

    # Nothing is public yet; the link works once.
    visitor = new_page(browser, live_server, DESKTOP)
    visitor.goto(due_service.url)
    assert NEW_PHONE not in visitor.inner_text("main")
    assert old_phone in visitor.inner_text("main")
    assert visitor.goto(path_of(link)).status == 410
    assert_accessible(visitor, "used link")
    altered = path_of(link).replace("/elegchos/", "/elegchos/x")
    assert visitor.goto(altered).status == 400
    expect(visitor.locator("h1")).to_have_text("Ο σύνδεσμος δεν λειτουργεί")

    # The Moderator: the e-mail's link to the diff, then the dashboard.
    (notice,) = wait_for_mail(
        lambda message: (
            moderator_user.email in message.to and "έστειλε αλλαγές" in message.subject
        )
    )
    diff = re.search(r"https?://\S+/revisions/compare/\S+/", notice.body).group(0)
    moderator = new_page(browser, live_server, DESKTOP)
    sign_in(moderator, moderator_user)
    moderator.goto(path_of(diff))
    compared = moderator.inner_text("main")
    assert old_phone in compared
    assert NEW_PHONE in compared

    moderator.goto("/admin/")
    awaiting = moderator.locator(
        "#awaiting-review-section tr", has_text=due_service.title
    )
    awaiting.locator("[data-w-dropdown-target=toggle]").click()
    approve = moderator.locator(
        f"button[data-workflow-action-url*='/action/{due_service.pk}/approve/']"
        ":not([data-launch-modal])"
    )
    with moderator.expect_navigation():
        approve.click()
    expect(awaiting).to_have_count(0)

    visitor.goto(due_service.url)
    listed = visitor.locator("main li", has_text=contact.name).first
    expect(listed).to_contain_text(NEW_PHONE)
    expect(listed).not_to_contain_text(old_phone)
    expect(visitor.locator("main .checked-line")).to_contain_text("από τον φορέα")
    published = ServicePage.objects.get(pk=due_service.pk)
    assert published.reviewed_by == "organisation"
    # The same phone on the English and Arabic pages, without a sync.
    for translation in ServicePage.objects.filter(
        translation_key=due_service.translation_key
    ).exclude(pk=due_service.pk):
        visitor.goto(translation.url)
        contacts = visitor.locator("main .contact-list")
        expect(contacts).to_contain_text(NEW_PHONE)
        expect(contacts).not_to_contain_text(old_phone)
