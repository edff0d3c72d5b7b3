"""E-mail telling a visitor that what they reported is fixed, sent by
django-tasks after the commit (see core.mail for the retries)."""

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from core.mail import deliver, render_message, sender
from core.models import CentreSettings
from directory.models.corrections import CorrectionReport


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
