"""Receiving a request, finding it again by its reference, and forgetting
the person once the request is long closed.

* A request is stored in one transaction with a fresh reference; the
  e-mails (confirmation to the person, notice to the caseworkers) are
  enqueued after it commits, so a mail failure loses nothing.
* The status check needs the reference and either the e-mail address or the
  last four digits of the phone number, and says nothing else.
* ``purge_personal_data`` blanks the person's details on requests closed
  long ago, or never closed and long untouched, and keeps what the
  statistics need (``appointments.retention`` registers both periods).
"""

import datetime
import secrets
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.history import record
from appointments.models.requests import CLOSED, AppointmentRequest, HistoryEntry
from appointments.references import new_reference, normalise_reference
from appointments.tasks import send_appointment_email
from core import retention
from core.forms import normalise_email

REFERENCE_ATTEMPTS = 5
DEFAULT_RETENTION_DAYS = 365
DEFAULT_OPEN_RETENTION_DAYS = 730

# The answers of the form that are copied onto the request as they are.
ANSWER_FIELDS = (
    "service",
    "location",
    "visit_event",
    "visit_starts_at",
    "name",
    "phone",
    "email",
    "preferred_contact",
    "language",
    "needs_interpreter",
    "accessibility_needs",
    "message",
)


def _save_with_new_reference(request):
    """Save under a new reference, drawing again in the rare case of a repeat."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        request.reference = new_reference()
        try:
            with transaction.atomic():
                request.save()
            return request
        except IntegrityError:
            if not AppointmentRequest.objects.filter(
                reference=request.reference
            ).exists():
                raise
    raise IntegrityError("no free reference after several attempts")


def create_request(data, *, language, page_url="", source="web", user=None):
    """Store a request and enqueue its e-mails; return the request.

    ``data`` holds the cleaned answers (see ANSWER_FIELDS, plus
    ``preferred_days`` and ``preferred_times``); ``page_url`` is the absolute
    address of the appointment page, for the link in the confirmation.
    """
    answers = {name: data.get(name) for name in ANSWER_FIELDS if name in data}
    for name in ("phone", "email", "accessibility_needs", "message"):
        answers[name] = (answers.get(name) or "").strip()
    answers["email"] = normalise_email(answers["email"])
    with transaction.atomic():
        request = _save_with_new_reference(
            AppointmentRequest(
                **answers,
                preferred_days=list(data.get("preferred_days") or []),
                preferred_times=list(data.get("preferred_times") or []),
                source=source,
                site_language=language,
                privacy_notice_version=settings.KENTRO_PRIVACY_NOTICE_VERSION,
                consented_at=timezone.now(),
            )
        )
        record(request, HistoryEntry.Action.CREATED, user, new=source)
        if request.email:
            transaction.on_commit(
                partial(
                    send_appointment_email.enqueue, "confirmation", request.pk, page_url
                )
            )
        if source == AppointmentRequest.Source.WEB:
            transaction.on_commit(
                partial(
                    send_appointment_email.enqueue,
                    "notify_caseworkers",
                    request.pk,
                    page_url,
                )
            )
    return request


def _digits(text):
    return "".join(character for character in str(text) if character.isdigit())


def find_for_status(reference, contact):
    """The request with this reference whose e-mail or phone matches, or None.

    ``contact`` is the e-mail address or the last four digits of the phone.
    The answer is the same whether the reference or the contact was wrong.
    """
    reference = normalise_reference(reference)
    contact = str(contact).strip()
    if not reference or not contact:
        return None
    request = AppointmentRequest.objects.filter(
        reference=reference, anonymised_at__isnull=True
    ).first()
    if request is None:
        return None
    if "@" in contact:
        expected, given = normalise_email(request.email), normalise_email(contact)
    else:
        expected, given = _digits(request.phone)[-4:], _digits(contact)
        if len(given) != 4:
            return None
    if expected and secrets.compare_digest(expected.encode(), given.encode()):
        return request
    return None


# What the status check tells the person, in plain words.
def plain_status(request):
    return {
        "new": _(
            "We have received your request. A member of our staff will contact "
            "you soon, usually within two working days."
        ),
        "contacted": _(
            "We have been in touch with you and are arranging your appointment."
        ),
        "scheduled": _(
            "Your appointment has been arranged. We have told you the day and time."
        ),
        "completed": _("Your appointment has taken place."),
        "cancelled": _("This request has been cancelled."),
        "no_show": _(
            "We missed you at your appointment. Please call us or send a new "
            "request to arrange another."
        ),
    }[request.status]


def retention_days():
    return int(
        getattr(settings, "KENTRO_APPOINTMENT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    )


def open_retention_days():
    return int(
        getattr(
            settings,
            "KENTRO_OPEN_REQUEST_RETENTION_DAYS",
            DEFAULT_OPEN_RETENTION_DAYS,
        )
    )


def _anonymise_all(due, dry_run):
    if dry_run:
        return due.count()
    count = 0
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            request = AppointmentRequest.objects.select_for_update().get(pk=pk)
            anonymise(request)
        count += 1
    return count


def purge_personal_data(days=None, now=None, dry_run=False):
    """Anonymise requests closed more than ``days`` ago; return how many.

    What identifies the person goes (name, contacts, message, needs, the
    text of notes, the labels of Wagtail's audit log); what the reports count
    stays (service, place, target groups, status, dates, source, language).
    """
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = AppointmentRequest.objects.filter(
        status__in=CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
    )
    return _anonymise_all(due, dry_run)


def purge_abandoned_requests(days=None, now=None, dry_run=False):
    """Anonymise requests never closed and untouched for ``days``: a request
    nobody finished must not keep the person's details for ever."""
    days = open_retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = AppointmentRequest.objects.exclude(status__in=CLOSED).filter(
        updated_at__lt=cutoff, anonymised_at__isnull=True
    )
    return _anonymise_all(due, dry_run)


def anonymise(request):
    request.name = ""
    request.phone = ""
    request.email = ""
    request.message = ""
    request.accessibility_needs = ""
    request.preferred_days = []
    request.preferred_times = []
    request.email_error = ""
    request.anonymised_at = timezone.now()
    request.save()
    request.history.exclude(note="").update(note="")
    record(request, HistoryEntry.Action.ANONYMISED)
    retention.scrub_audit_log(AppointmentRequest, {request.pk: request.reference})
    return request
