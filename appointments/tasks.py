"""E-mail to and about appointment requests, sent by django-tasks after a
commit (see portal.mail for the retries)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from appointments.models import AppointmentRequest, HistoryEntry
from appointments.workflow import record
from portal.mail import admin_link, deliver, group_addresses, render_message

CASEWORKERS_GROUP = "Caseworkers"
KINDS = ("confirmation", "notify_caseworkers", "scheduled")


def centre_details():
    from portal.models import CentreSettings

    return CentreSettings.load()


def build_message(kind, request, page_url):
    """The subject, body and recipients of one e-mail, in the right language."""
    context = {"request": request, "centre": centre_details()}
    if kind == "confirmation":
        if page_url:
            context["status_url"] = page_url.rstrip("/") + "/katastasi/"
        language, recipients = request.site_language, [request.email]
    elif kind == "scheduled":
        language, recipients = request.site_language, [request.email]
    elif kind == "notify_caseworkers":
        context["admin_url"] = admin_link("appointments:inspect", request.pk)
        language = settings.LANGUAGE_CODE
        recipients = group_addresses(CASEWORKERS_GROUP)
    else:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    recipients = [address for address in recipients if address]
    subject, body = render_message(f"appointments/email/{kind}", context, language)
    return subject, body, recipients


@task()
def send_appointment_email(kind, request_pk, page_url, attempt=1):
    """Send one e-mail; on failure, try again later and tell the caseworkers.

    The request is committed before this runs: a failure loses nothing. The
    failure shows on the request (and in its history) until a later attempt
    succeeds.
    """
    request = (
        AppointmentRequest.objects.select_related("service", "location")
        .filter(pk=request_pk)
        .first()
    )
    if request is None:
        return "gone"
    subject, body, recipients = build_message(kind, request, page_url)
    if not recipients:
        return "no recipients"
    same_request = AppointmentRequest.objects.filter(pk=request.pk)

    def record_failure(text):
        same_request.update(email_error=text[:1000])
        record(request, HistoryEntry.Action.EMAIL_FAILED, note=text[:1000])

    def record_success():
        # Only this kind's failure is mended by this success.
        if f" {kind}: " in request.email_error:
            same_request.update(email_error="")

    return deliver(
        EmailMessage(subject, body, to=recipients),
        task=send_appointment_email,
        args=(kind, request_pk, page_url),
        attempt=attempt,
        label=kind,
        record_failure=record_failure,
        record_success=record_success,
    )
