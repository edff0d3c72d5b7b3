"""E-mail to and about appointment requests, sent by django-tasks after a
commit (see core.mail for the retries)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django_tasks import task

from appointments import scheduling
from appointments.history import record
from appointments.models.requests import AppointmentRequest, HistoryEntry
from core.mail import (
    admin_link,
    deliver,
    group_addresses,
    in_language,
    render_message,
    sender,
)
from core.models import CentreSettings

CASEWORKERS_GROUP = "Caseworkers"
KINDS = ("confirmation", "notify_caseworkers", "scheduled", "rescheduled")
# The e-mails that carry the appointment as a calendar file.
WITH_CALENDAR_FILE = ("scheduled", "rescheduled")
# The e-mails to the staff, in the site's default language.
TO_STAFF = ("notify_caseworkers",)


def language_of(kind, request):
    """The language of one e-mail: the form's for the person, Greek for the
    staff."""
    return settings.LANGUAGE_CODE if kind in TO_STAFF else request.site_language


def build_message(kind, request, page_url):
    """The subject, body and recipients of one e-mail, in the right language:
    the service and the place too, in their translation where one exists."""
    language = language_of(kind, request)
    context = {
        "request": request,
        "centre": CentreSettings.load(),
        "language": language,
        "service": in_language(request.service, language),
        "place": in_language(request.location, language),
    }
    if kind == "confirmation":
        if page_url:
            context["status_url"] = page_url.rstrip("/") + "/katastasi/"
        recipients = [request.email]
    elif kind in WITH_CALENDAR_FILE:
        recipients = [request.email]
        if context["service"] is not None:
            # The service page's checklist of documents to bring.
            context["checklist_url"] = context["service"].full_url or ""
        if kind == "rescheduled":
            moves = request.history.filter(action=HistoryEntry.Action.SCHEDULED)
            last_move = moves.order_by("-at", "-pk").first()
            context["old_time"] = last_move.old_value if last_move else ""
    elif kind == "notify_caseworkers":
        context["admin_url"] = admin_link("appointments:inspect", request.pk)
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

    language = language_of(kind, request)
    message = EmailMessage(subject, body, from_email=sender(language), to=recipients)
    if kind in WITH_CALENDAR_FILE and request.scheduled_at:
        sequence = request.history.filter(action=HistoryEntry.Action.SCHEDULED).count()
        with translation.override(language):
            calendar_file = scheduling.ics_bytes(
                request,
                sequence=max(sequence - 1, 0),
                location=in_language(request.location, language),
            )
        message.attach(
            f"{request.reference}.ics",
            calendar_file,
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return deliver(
        message,
        task=send_appointment_email,
        args=(kind, request_pk, page_url),
        attempt=attempt,
        label=kind,
        record_failure=record_failure,
        record_success=record_success,
    )
