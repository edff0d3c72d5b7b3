"""Visitors' reports that a directory page is wrong (issue #25, part 3), and
the freshness figure beside the appointment figures (part 6).

* A report is stored in one transaction and nothing is mailed then: the
  editors read the queue in the admin.
* When an editor marks it fixed and the visitor left an address (with their
  consent), an e-mail in the form's language tells them, enqueued after the
  commit (core.mail: a mail failure loses nothing); once sent, the address
  is erased. A dismissed report forgets the address at once.
* ``purge_personal_data`` erases addresses still kept ``retention_days()``
  after the report (the person was never told, or the mail kept failing).
"""

import datetime
import statistics
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.forms import normalise_email
from directory import review
from directory.models.corrections import CorrectionReport
from directory.tasks import send_fixed_email

DEFAULT_RETENTION_DAYS = 90


def about(record):
    """The foreign key a report about ``record`` fills: {"service": page},
    {"location": location} or {"organisation": organisation}."""
    name = type(record)._meta.model_name
    field = {"servicepage": "service"}.get(name, name)
    if field not in ("service", "location", "organisation"):
        raise ValueError(f"cannot report on a {name}")
    return {field: record}


def create_report(data, *, record, language, page_url):
    """Store a report about ``record`` (a ServicePage, Location or
    Organisation) and return it.

    ``data``: the form's answers (kind, details, email, tell_me);
    ``page_url``: the absolute address of the public page it was sent from.
    """
    email = normalise_email(data.get("email") or "")
    now = timezone.now()
    return CorrectionReport.objects.create(
        **about(record),
        record_name=str(getattr(record, "title", None) or record)[:255],
        page_url=page_url[:500],
        kind=data["kind"],
        details=(data.get("details") or "").strip(),
        email=email,
        consented_at=now if email else None,
        privacy_notice_version=(
            settings.KENTRO_PRIVACY_NOTICE_VERSION if email else ""
        ),
        language=language,
    )


def resolve(report, status, note=None, when=None):
    """Mark ``report`` fixed or dismissed (or new again), with the editor's
    note; returns the report.

    Fixed, with an address: the e-mail is enqueued after the commit.
    Dismissed: the address is erased, nobody will be told."""
    previous = CorrectionReport.objects.filter(pk=report.pk).values_list(
        "status", flat=True
    )
    was = previous.first()
    report.status = status
    if note is not None:
        report.staff_note = note
    if status == CorrectionReport.Status.NEW:
        report.resolved_at = None
    elif was != status or report.resolved_at is None:
        report.resolved_at = when or timezone.now()
    if status == CorrectionReport.Status.DISMISSED:
        report.email = ""
    with transaction.atomic():
        report.save()
        if (
            status == CorrectionReport.Status.FIXED
            and was != status
            and report.email
            and report.notified_at is None
        ):
            transaction.on_commit(partial(send_fixed_email.enqueue, report.pk))
    return report


def retention_days():
    return int(
        getattr(settings, "KENTRO_CORRECTION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    )


def purge_personal_data(days=None, now=None, dry_run=False):
    """Erase the addresses of reports more than ``days`` old; how many
    (or would be, with ``dry_run``)."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = CorrectionReport.objects.filter(created_at__lt=cutoff).exclude(email="")
    if dry_run:
        return due.count()
    return due.update(email="", email_error="")


@dataclass
class Freshness:
    """One month of reports: how many arrived, how many of those were fixed,
    and the median whole days from a report to its fix (None: none fixed);
    and the share of services checked in six months as recorded that month
    (directory.review.record_share; None: not recorded)."""

    month: datetime.date
    received: int
    fixed: int
    median_days: float | None
    checked_share: float | None = None


def median_days_to_fix(pairs):
    """The median of whole days from report to fix; ``pairs``:
    (created_at, resolved_at) of fixed reports. None when there are none.

    A fix on the day of the report counts 0 days; days are Athens days."""
    days = [
        (timezone.localdate(fixed) - timezone.localdate(created)).days
        for created, fixed in pairs
    ]
    return statistics.median(days) if days else None


def monthly_freshness(months):
    """A Freshness for each month of ``months`` (first days, in order), by
    the month the report was received."""
    if not months:
        return []
    first = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    last = months[-1]
    index = last.year * 12 + last.month
    end_day = datetime.date(index // 12, index % 12 + 1, 1)
    end = timezone.make_aware(datetime.datetime.combine(end_day, datetime.time()))
    rows = CorrectionReport.objects.filter(
        created_at__gte=first, created_at__lt=end
    ).values_list("created_at", "status", "resolved_at")
    by_month = {month: ([], []) for month in months}
    for created, status, resolved in rows:
        month = timezone.localdate(created).replace(day=1)
        if month not in by_month:
            continue
        received, fixed = by_month[month]
        received.append(created)
        if status == CorrectionReport.Status.FIXED and resolved is not None:
            fixed.append((created, resolved))
    shares = review.monthly_shares(months)
    return [
        Freshness(
            month,
            len(received),
            len(fixed),
            median_days_to_fix(fixed),
            shares.get(month),
        )
        for month, (received, fixed) in by_month.items()
    ]
