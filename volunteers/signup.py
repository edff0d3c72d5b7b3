"""The rules of signing up, confirming and withdrawing, apart from any view.

* A sign-up is stored as an unconfirmed ``Volunteer`` row in one transaction;
  the confirmation e-mail is sent after the transaction commits.
* Confirming from the mailbox turns the row into a volunteer (status "new"),
  or, when that address already belongs to a volunteer, applies the new
  answers to that volunteer and removes the pending row: one volunteer per
  address, and nobody changes someone else's data without their mailbox.
* Withdrawing erases every row with that address and records only the date.
"""

import base64
import datetime
import uuid
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from volunteers.models import Volunteer, VolunteerWithdrawal

CONFIRM_SALT = "kentro.volunteers.confirm"
WITHDRAW_SALT = "kentro.volunteers.withdraw"
CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)
UNCONFIRMED_MAX_AGE = datetime.timedelta(days=30)
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


class LinkError(Exception):
    """A link from an e-mail that cannot be used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def _pack(signed):
    """Wagtail only routes letters, digits, "-" and "_" in a path segment."""
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _unpack(token):
    try:
        padded = token + "=" * (-len(token) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (ValueError, UnicodeError) as error:
        raise signing.BadSignature("malformed token") from error


def normalise_email(address):
    return address.strip().lower()


def confirmation_token(volunteer):
    return _pack(signing.dumps(str(volunteer.public_id), salt=CONFIRM_SALT))


def read_confirmation_token(token):
    """The public id of the sign-up a confirmation link is for."""
    try:
        value = signing.loads(
            _unpack(token),
            salt=CONFIRM_SALT,
            max_age=CONFIRMATION_MAX_AGE.total_seconds(),
        )
        return uuid.UUID(str(value))
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkError("invalid") from error


def withdrawal_token(email):
    """Withdrawal links are for an address and do not expire."""
    return _pack(signing.dumps(normalise_email(email), salt=WITHDRAW_SALT))


def read_withdrawal_token(token):
    try:
        value = signing.loads(_unpack(token), salt=WITHDRAW_SALT)
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    if not isinstance(value, str) or "@" not in value:
        raise LinkError("invalid")
    return value


def create_signup(data, language, index_url):
    """Store a sign-up as unconfirmed and send the confirmation e-mail."""
    from volunteers.tasks import send_volunteer_email

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
    from volunteers.tasks import send_volunteer_email

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
    """E-mail a withdrawal link if the address is known; say nothing either way."""
    from volunteers.tasks import send_volunteer_email

    volunteer = Volunteer.objects.filter(email=normalise_email(email)).first()
    if volunteer is not None:
        transaction.on_commit(
            lambda: send_volunteer_email.enqueue(
                "withdrawal_link", volunteer.pk, index_url
            )
        )
    return volunteer is not None


def withdraw(email):
    """Erase everything about this address; keep only that it happened."""
    with transaction.atomic():
        deleted, _ = Volunteer.objects.filter(email=normalise_email(email)).delete()
        if deleted:
            VolunteerWithdrawal.objects.create(withdrawn_on=timezone.localdate())
    return bool(deleted)


def purge_unconfirmed(now=None):
    """Delete sign-ups nobody confirmed within 30 days; return how many."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_MAX_AGE
    deleted = Volunteer.objects.filter(
        status=Volunteer.Status.UNCONFIRMED, created_at__lt=cutoff
    ).delete()[1]
    return deleted.get(Volunteer._meta.label, 0)


def new_this_week(now=None):
    """Volunteers confirmed since Monday, for the coordinators' dashboard."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
    return Volunteer.objects.filter(confirmed_at__gte=start)
