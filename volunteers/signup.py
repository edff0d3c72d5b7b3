"""The rules of signing up, confirming and withdrawing, apart from any view.

* A sign-up is stored as an unconfirmed ``Volunteer`` row in one transaction;
  the confirmation e-mail is sent after the transaction commits.
* Confirming from the mailbox turns the row into a volunteer (status "new"),
  or, when that address already belongs to a volunteer, applies the new
  answers to that volunteer and removes the pending row: one volunteer per
  address, and nobody changes someone else's data without their mailbox.
* Withdrawing erases every row with that address, and what Wagtail's audit
  log held of them, and records only the date.
* Sign-ups never confirmed go after 30 days; volunteers never made active,
  or made inactive, after KENTRO_INACTIVE_VOLUNTEER_RETENTION_DAYS without a
  change (``volunteers.retention``, the daily ``purge_personal_data``).
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import retention
from core.forms import normalise_email
from volunteers.models.volunteers import (
    Volunteer,
    VolunteerWithdrawal,
    volunteer_label,
)
from volunteers.tasks import send_volunteer_email, send_withdrawal_link
from volunteers.tokens import withdrawal_request_token

UNCONFIRMED_MAX_AGE = datetime.timedelta(days=30)
DEFAULT_INACTIVE_RETENTION_DAYS = 730
CONFIRM_ATTEMPTS = 5

# The answers a later, confirmed sign-up replaces on an existing volunteer.
COPIED_FIELDS = (
    "name",
    "phone",
    "municipality",
    "skills",
    "availability",
    "message",
    "is_adult",
    "privacy_notice_version",
    "consented_at",
    "may_contact_about_future",
    "language",
)


def create_signup(data, language, index_url):
    """Store a sign-up as unconfirmed and send the confirmation e-mail."""

    with transaction.atomic():
        volunteer = Volunteer.objects.create(
            status=Volunteer.Status.UNCONFIRMED,
            name=data["name"],
            email=normalise_email(data["email"]),
            phone=data.get("phone") or "",
            municipality=data.get("municipality"),
            skills=list(data.get("skills") or []),
            availability=list(data.get("availability") or []),
            message=data.get("message") or "",
            is_adult=bool(data["is_adult"]),
            privacy_notice_version=settings.KENTRO_PRIVACY_NOTICE_VERSION,
            consented_at=timezone.now(),
            may_contact_about_future=bool(data.get("may_contact_about_future")),
            language=language,
        )
        volunteer.languages.set(data.get("languages") or [])
        volunteer.interests.set(data.get("interests") or [])
        transaction.on_commit(
            lambda: send_volunteer_email.enqueue("confirm", volunteer.pk, index_url)
        )
    return volunteer


def _apply_submission(submission, volunteer):
    for name in COPIED_FIELDS:
        setattr(volunteer, name, getattr(submission, name))
    volunteer.save()
    volunteer.languages.set(submission.languages.all())
    volunteer.interests.set(submission.interests.all())
    submission.delete()
    return volunteer


def confirm_signup(public_id, index_url=""):
    """Confirm the sign-up with this public id; None when there is none.

    Two confirmations for one address may race (two tabs, two servers): the
    unique constraint on confirmed addresses stops the second, which then
    retries and finds the first to update.
    """

    for _attempt in range(CONFIRM_ATTEMPTS):
        try:
            with transaction.atomic():
                submission = (
                    Volunteer.objects.select_for_update()
                    .filter(public_id=public_id)
                    .first()
                )
                if submission is None:
                    return None
                if submission.is_confirmed:
                    return submission
                existing = (
                    Volunteer.objects.select_for_update()
                    .exclude(status=Volunteer.Status.UNCONFIRMED)
                    .filter(email=submission.email)
                    .first()
                )
                if existing is not None:
                    volunteer = _apply_submission(submission, existing)
                    notify = False
                else:
                    submission.status = Volunteer.Status.NEW
                    submission.confirmed_at = timezone.now()
                    submission.save(update_fields=["status", "confirmed_at"])
                    volunteer = submission
                    notify = True
                if notify:
                    transaction.on_commit(
                        partial(
                            send_volunteer_email.enqueue,
                            "notify_coordinators",
                            volunteer.pk,
                            index_url,
                        )
                    )
                return volunteer
        except IntegrityError:
            continue
    raise IntegrityError("could not confirm the sign-up")


def request_withdrawal_link(email, index_url):
    """Queue an e-mail with a withdrawal link for the address, known or not.

    The request does the same work either way, and the answer is the same:
    the task (off the request, with a queue backend) finds out whether the
    address is a volunteer's and writes only then. The task is handed the
    address sealed (core.tokens), so the queue never holds it readable.
    """
    token = withdrawal_request_token(email)
    transaction.on_commit(lambda: send_withdrawal_link.enqueue(token, index_url))


def erase(volunteers):
    """Delete these volunteers and what Wagtail's audit log holds of them
    (the entries stay, labelled with the volunteer's "V-…" label); return
    how many were deleted."""
    with transaction.atomic():
        labels = {
            pk: volunteer_label(public_id)
            for pk, public_id in volunteers.values_list("pk", "public_id")
        }
        deleted = volunteers.delete()[1].get(Volunteer._meta.label, 0)
        retention.scrub_audit_log(Volunteer, labels)
    return deleted


def withdraw(email):
    """Erase everything about this address; keep only that it happened."""
    with transaction.atomic():
        deleted = erase(Volunteer.objects.filter(email=normalise_email(email)))
        if deleted:
            VolunteerWithdrawal.objects.create(withdrawn_on=timezone.localdate())
    return bool(deleted)


def purge_unconfirmed(now=None, dry_run=False):
    """Delete sign-ups nobody confirmed within 30 days; return how many."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_MAX_AGE
    due = Volunteer.objects.filter(
        status=Volunteer.Status.UNCONFIRMED, created_at__lt=cutoff
    )
    return due.count() if dry_run else erase(due)


def inactive_retention_days():
    return int(
        getattr(
            settings,
            "KENTRO_INACTIVE_VOLUNTEER_RETENTION_DAYS",
            DEFAULT_INACTIVE_RETENTION_DAYS,
        )
    )


def purge_inactive(now=None, dry_run=False, days=None):
    """Delete volunteers who were never made active, or were made inactive,
    and whose record nobody changed for ``days``; return how many."""
    days = inactive_retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = Volunteer.objects.filter(
        status__in=[Volunteer.Status.NEW, Volunteer.Status.INACTIVE],
        updated_at__lt=cutoff,
    )
    return due.count() if dry_run else erase(due)


def new_this_week(now=None):
    """Volunteers confirmed since Monday, for the coordinators' dashboard."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
    return Volunteer.objects.filter(confirmed_at__gte=start)
