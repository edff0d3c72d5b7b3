"""E-mail telling a visitor that what they reported is fixed, and the
e-mails of the partners' checks (directory.partner_review): the request and
its reminders to the partner, the changes to the Moderators, the unanswered
request to the staff. Sent by django-tasks after the commit (see core.mail
for the retries), all but the visitor's in Greek."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from core.mail import admin_link, deliver, group_addresses, render_message, sender
from core.models import CentreSettings
from directory.models.corrections import CorrectionReport
from directory.models.reviews import ReviewRequest

MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"


def build_message(report):
    """Subject and body in the language of the form the visitor sent."""
    context = {"report": report, "centre": CentreSettings.load()}
    return render_message("directory/email/correction_fixed", context, report.language)


@task()
def send_fixed_email(report_pk, attempt=1):
    """Tell the reporter it was fixed, then forget their address; on
    failure, try again later and show the failure on the report."""
    report = CorrectionReport.objects.filter(pk=report_pk).first()
    if report is None or not report.email or report.notified_at:
        return "gone"
    subject, body = build_message(report)
    same_report = CorrectionReport.objects.filter(pk=report.pk)

    def record_failure(text):
        same_report.update(email_error=text[:1000])

    def record_success():
        # Told: the address has served its one purpose.
        same_report.update(email="", email_error="", notified_at=timezone.now())

    return deliver(
        EmailMessage(
            subject, body, from_email=sender(report.language), to=[report.email]
        ),
        task=send_fixed_email,
        args=(report_pk,),
        attempt=attempt,
        label="fixed",
        record_failure=record_failure,
        record_success=record_success,
    )


# The partners' checks (issue #25, part 2).


def _review(review_pk):
    return ReviewRequest.objects.select_related("service").filter(pk=review_pk).first()


def _send_about_review(review, message, **retry):
    """Deliver ``message`` (``retry``: deliver's task, args, attempt,
    label); a failure shows on the request until a later attempt succeeds,
    and the partner's e-mail stamps ``last_sent_at``."""
    same = ReviewRequest.objects.filter(pk=review.pk)

    def record_success():
        fields = {"email_error": ""}
        if retry["label"] == "review":
            fields["last_sent_at"] = timezone.now()
        same.update(**fields)

    return deliver(
        message,
        record_failure=lambda text: same.update(email_error=text[:1000]),
        record_success=record_success,
        **retry,
    )


def build_review_message(review, kind, context=None):
    """Subject and body of the e-mail ``kind`` ("review_request",
    "review_changes", "review_flagged") about ``review``, in Greek."""
    context = {
        "review": review,
        "service": review.service,
        "centre": CentreSettings.load(),
        **(context or {}),
    }
    return render_message(f"directory/email/{kind}", context, settings.LANGUAGE_CODE)


@task()
def send_review_request(review_pk, url, reminder=False, attempt=1):
    """The partner's e-mail (or a reminder) with the link to the form at
    ``url``; nothing once the request is answered."""
    review = _review(review_pk)
    if review is None or review.answered_at is not None:
        return "gone"
    subject, body = build_review_message(
        review, "review_request", {"url": url, "reminder": reminder}
    )
    message = EmailMessage(
        subject, body, from_email=sender(settings.LANGUAGE_CODE), to=[review.email]
    )
    return _send_about_review(
        review,
        message,
        task=send_review_request,
        args=(review_pk, url, reminder),
        attempt=attempt,
        label="review",
    )


@task()
def send_review_changes(review_pk, attempt=1):
    """Tell the Moderators that a partner sent changes, with the diff."""
    review = _review(review_pk)
    recipients = group_addresses(MODERATORS_GROUP)
    if review is None or not recipients:
        return "nobody"
    subject, body = build_review_message(
        review,
        "review_changes",
        {
            "diff_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + review.diff_path(),
            "edit_url": admin_link("wagtailadmin_pages:edit", review.service_id),
        },
    )
    message = EmailMessage(
        subject, body, from_email=sender(settings.LANGUAGE_CODE), to=recipients
    )
    return _send_about_review(
        review,
        message,
        task=send_review_changes,
        args=(review_pk,),
        attempt=attempt,
        label="review_changes",
    )


def flag_recipients(service):
    """The staff who own the service's checks, else the Editors."""
    owners = sorted(
        {user.email for user in service.review_owners.filter(is_active=True)} - {""}
    )
    return owners or group_addresses(EDITORS_GROUP)


@task()
def send_review_flagged(review_pk, attempt=1):
    """Tell the staff that a partner did not answer."""
    review = _review(review_pk)
    if review is None:
        return "gone"
    recipients = flag_recipients(review.service)
    if not recipients:
        return "nobody"
    subject, body = build_review_message(
        review,
        "review_flagged",
        {"edit_url": admin_link("wagtailadmin_pages:edit", review.service_id)},
    )
    message = EmailMessage(
        subject, body, from_email=sender(settings.LANGUAGE_CODE), to=recipients
    )
    return _send_about_review(
        review,
        message,
        task=send_review_flagged,
        args=(review_pk,),
        attempt=attempt,
        label="review_flagged",
    )
