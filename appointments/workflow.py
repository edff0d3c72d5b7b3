"""What caseworkers do with a request, as plain functions: the status
transitions, assigning, setting the appointment time and notes. Each records
who did it and when in the request's history.

    new ──> contacted ──> scheduled ──> completed
     │          │             ├───────> no-show
     └──────────┴─────────────┴───────> cancelled

A cancellation can come at any point before the outcome; completed,
cancelled and no-show are final. "Scheduled" is reached by setting the
appointment time, which needs a time.
"""

from django.db import transaction
from django.db.models import Case, IntegerField, When
from django.utils import timezone

from appointments.history import record, user_label
from appointments.models.requests import CLOSED, AppointmentRequest, HistoryEntry
from appointments.tasks import send_appointment_email
from appointments.workdays import overdue_cutoff
from core.staff_values import moment_text

Status = AppointmentRequest.Status

TRANSITIONS = {
    Status.NEW: (Status.CONTACTED, Status.CANCELLED),
    Status.CONTACTED: (Status.SCHEDULED, Status.CANCELLED),
    Status.SCHEDULED: (Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED),
    Status.COMPLETED: (),
    Status.CANCELLED: (),
    Status.NO_SHOW: (),
}
# Statuses in which the appointment time may be set (or moved).
SCHEDULABLE = frozenset({Status.CONTACTED, Status.SCHEDULED})


class TransitionNotAllowed(Exception):
    """The request cannot go from its status to the one asked for."""


def can_change(old, new):
    return new in TRANSITIONS.get(old, ())


def next_statuses(request):
    """The statuses a caseworker may choose with a plain button (scheduling
    needs a time, so it has its own form)."""
    return [status for status in TRANSITIONS[request.status] if status != "scheduled"]


def _locked(request):
    return AppointmentRequest.objects.select_for_update().get(pk=request.pk)


def _set_status(current, new_status, user):
    old = current.status
    current.status = new_status
    current.closed_at = timezone.now() if new_status in CLOSED else None
    current.save(update_fields=["status", "closed_at", "updated_at"])
    record(current, HistoryEntry.Action.STATUS, user, old, new_status)


def change_status(request, new_status, user=None):
    """Move a request along an allowed transition, or raise TransitionNotAllowed.

    The row is locked, so that two caseworkers acting at once cannot both
    move it from the same status.
    """
    with transaction.atomic():
        current = _locked(request)
        if new_status == Status.SCHEDULED or not can_change(current.status, new_status):
            raise TransitionNotAllowed(f"{current.status} -> {new_status}")
        _set_status(current, new_status, user)
    return current


def schedule(request, when, user=None):
    """Set (or move) the appointment time; a contacted request becomes
    scheduled. The person is e-mailed when they gave an address: "your
    appointment is arranged" the first time, "your appointment has changed"
    (old and new time) when it moves, each with a calendar file; setting the
    same time again sends nothing."""
    with transaction.atomic():
        current = _locked(request)
        if current.status not in SCHEDULABLE:
            raise TransitionNotAllowed(f"{current.status} -> scheduled")
        old_time = current.scheduled_at
        current.scheduled_at = when
        current.save(update_fields=["scheduled_at", "updated_at"])
        record(
            current,
            HistoryEntry.Action.SCHEDULED,
            user,
            _moment(old_time),
            _moment(when),
        )
        if current.status != Status.SCHEDULED:
            _set_status(current, Status.SCHEDULED, user)
        # A moved appointment says so, with the old time (the history's).
        kind = "rescheduled" if old_time and old_time != when else "scheduled"
        if current.email and old_time != when:
            transaction.on_commit(
                lambda: send_appointment_email.enqueue(kind, current.pk, "")
            )
    return current


def _moment(value):
    # The history shows the time as every staff page does (Athens, d/m/Y H:i).
    return moment_text(value)


def assign(request, assignee, user=None):
    with transaction.atomic():
        current = _locked(request)
        old = current.assignee
        if old == assignee:
            return current
        current.assignee = assignee
        current.save(update_fields=["assignee", "updated_at"])
        record(
            current,
            HistoryEntry.Action.ASSIGNED,
            user,
            user_label(old),
            user_label(assignee),
        )
    return current


def add_note(request, text, user=None):
    return record(request, HistoryEntry.Action.NOTE, user, note=text.strip())


def overdue(queryset=None, now=None):
    """Requests still new after two working days."""
    if queryset is None:
        queryset = AppointmentRequest.objects.all()
    return queryset.filter(status=Status.NEW, created_at__lt=overdue_cutoff(now))


# The inbox's order (appointments.admin_views.RequestIndexView): what needs
# a caseworker first. Within each, the oldest first.
OVERDUE, NEW, OPEN, CLOSED_LAST = 0, 1, 2, 3


def with_urgency(queryset, now=None):
    """``queryset`` annotated with ``urgency``: OVERDUE (new after two
    working days), NEW, OPEN (contacted or scheduled) or CLOSED_LAST."""
    return queryset.annotate(
        urgency=Case(
            When(status=Status.NEW, created_at__lt=overdue_cutoff(now), then=OVERDUE),
            When(status=Status.NEW, then=NEW),
            When(status__in=[Status.CONTACTED, Status.SCHEDULED], then=OPEN),
            default=CLOSED_LAST,
            output_field=IntegerField(),
        )
    )


def is_overdue(request, now=None):
    return request.status == Status.NEW and request.created_at < overdue_cutoff(now)
