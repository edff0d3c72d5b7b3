"""Receiving a donation pledge and forgetting the donor later.

* A pledge is stored in one transaction; the e-mails (a confirmation to the
  donor in their language when they gave an address, a notice to the goods
  coordinators) are enqueued after it commits, so a mail failure loses
  nothing (core.mail).
* ``purge_personal_data`` blanks the donor's name and contacts once the day
  of the drop-off is ``retention_days()`` past, and keeps what the figures
  need (category, what, day, place, status).
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import retention
from core.forms import normalise_email
from goods.models.pledges import Pledge
from goods.tasks import send_pledge_email

DEFAULT_RETENTION_DAYS = 90
ANSWER_FIELDS = (
    "category",
    "what",
    "amount",
    "bring_on",
    "drop_off_location_id",
    "name",
    "phone",
    "email",
)


def create_pledge(data, *, language, page_url=""):
    """Store a pledge and enqueue its e-mails; return the pledge.

    ``data``: the form's answers (ANSWER_FIELDS); ``page_url``: the absolute
    address of the needs page, for the link in the confirmation.
    """
    answers = {name: data.get(name) for name in ANSWER_FIELDS}
    for name in ("what", "amount", "name", "phone", "email"):
        answers[name] = (answers.get(name) or "").strip()
    answers["email"] = normalise_email(answers["email"])
    with transaction.atomic():
        pledge = Pledge.objects.create(
            **answers,
            language=language,
            privacy_notice_version=settings.KENTRO_PRIVACY_NOTICE_VERSION,
            consented_at=timezone.now(),
        )
        if pledge.email:
            transaction.on_commit(
                partial(send_pledge_email.enqueue, "confirmation", pledge.pk, page_url)
            )
        transaction.on_commit(
            partial(send_pledge_email.enqueue, "notify_staff", pledge.pk, page_url)
        )
    return pledge


def mark_received(pledge, when=None):
    """The goods arrived: status "received" and when."""
    pledge.status = Pledge.Status.RECEIVED
    pledge.received_at = when or timezone.now()
    pledge.save(update_fields=["status", "received_at", "updated_at"])
    return pledge


def retention_days():
    return int(
        getattr(settings, "KENTRO_PLEDGE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    )


def purge_personal_data(days=None, now=None, dry_run=False):
    """Erase the donor's details from pledges whose drop-off day is more than
    ``days`` past; return how many (or would be, with ``dry_run``)."""
    days = retention_days() if days is None else days
    cutoff = timezone.localdate(now or timezone.now()) - datetime.timedelta(days=days)
    due = Pledge.objects.filter(bring_on__lt=cutoff, anonymised_at__isnull=True)
    if dry_run:
        return due.count()
    labels = {pk: f"#{pk}" for pk in due.values_list("pk", flat=True)}
    count = due.update(
        name="",
        phone="",
        email="",
        staff_note="",
        email_error="",
        anonymised_at=now or timezone.now(),
    )
    retention.scrub_audit_log(Pledge, labels)
    return count
