"""The review cycle of the directory's records (issue #25, parts 1 and 4):
services, locations and organisations; when a record falls due for a
check, when it counts as out of date, and the figures staff follow.

* A record checked on ``last_reviewed`` falls due ``review_interval``
  calendar months later (6 unless an editor set another); a record never
  checked is due at once.
* It is *out of date* once it is older than twice its interval: the public
  page then asks visitors to call before they go, and the directory lists
  an out-of-date service after the others. A record never checked is not
  called out of date in public (nothing says its data is old), but it heads
  the list of due ones.
* The cycle belongs to the record, not to a translation: a service's
  ``last_reviewed``, ``reviewed_by`` and ``review_interval`` are
  synchronised into every translation by wagtail-localize, a location's or
  an organisation's are stamped on every translation when one is saved
  (directory.models.review_cycle). So staff count and list the records in
  the default language (Greek), one per record: live service pages, and
  every location and organisation. Withdrawn services (status "inactive")
  are no longer offered and need no checking: they are left out.

The rules take ``today`` (an Athens date) as an argument, so that tests and
reports name the day they answer for; they read any of the three records
(or anything with ``last_reviewed`` and ``review_interval``).
"""

import datetime
from calendar import monthrange
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from search.analysis import sort_key

DEFAULT_INTERVAL = 6  # months, as the model's default
# A month is at least 28 days: a record checked later than this many days
# ago cannot be due under any interval (one month at least), which lets the
# database set most records aside before the exact month arithmetic.
SHORTEST_MONTH = 28


def add_months(day, months):
    """``day`` (a date) moved by ``months`` calendar months (negative: back),
    kept in the last day of a shorter month: 31 August + 6 months is
    28 February (29 in a leap year); 31 March - 1 month is 28/29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewDates:
    """What the rules read of a record (any object with these two
    attributes will do), when only its values were read."""

    last_reviewed: datetime.date | None
    review_interval: int | None


def interval_of(record):
    """The record's review interval in months (the default for a blank)."""
    return record.review_interval or DEFAULT_INTERVAL


def due_on(record):
    """The date ``record`` falls due for its next check: ``last_reviewed``
    plus ``review_interval`` calendar months (``add_months``). None when it
    was never checked, which means due now."""
    if record.last_reviewed is None:
        return None
    return add_months(record.last_reviewed, interval_of(record))


def is_due(record, today):
    """Whether ``record`` needs its check on ``today``: never checked, or
    its due date (``due_on``) is today or past."""
    due = due_on(record)
    return due is None or due <= today


def out_of_date_from(record):
    """The first day ``record`` counts as out of date: the day after twice
    its interval has passed since ``last_reviewed`` (it is then *older* than
    twice its interval). None when it was never checked: that is not shown
    as out of date (see the module's docstring)."""
    return stale_from(record.last_reviewed, interval_of(record))


def stale_from(last_reviewed, interval):
    """``out_of_date_from`` for a record's values, as the directory's
    catalogue reads them: ``last_reviewed`` (a date or None) and
    ``interval`` (months; None or 0 for the default)."""
    if last_reviewed is None:
        return None
    last_good = add_months(last_reviewed, 2 * (interval or DEFAULT_INTERVAL))
    return last_good + datetime.timedelta(days=1)


def is_out_of_date(record, today):
    """Whether the public page of ``record`` says on ``today`` that its
    information may be out of date (``out_of_date_from``)."""
    start = out_of_date_from(record)
    return start is not None and today >= start


def default_language():
    """The language code of the default locale (Greek), as Wagtail knows it."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reviewed_services():
    """The services under review: live pages in the default language that
    are still offered (not "inactive"), one for each service."""
    # The page class by its name in the app registry: the page module uses
    # these rules (through the directory's views and catalogue), so it
    # imports this module, not the other way round.
    service_page = apps.get_model("directory", "ServicePage")
    return (
        service_page.objects.live()
        .filter(locale__language_code=default_language())
        .exclude(status=service_page.Status.INACTIVE)
    )


def reviewed_locations():
    """The locations under review: every one, in the default language."""
    location = apps.get_model("directory", "Location")
    return location.objects.filter(locale__language_code=default_language())


def reviewed_organisations():
    """The organisations under review: every one, in the default language."""
    organisation = apps.get_model("directory", "Organisation")
    return organisation.objects.filter(locale__language_code=default_language())


def under_review():
    """The records under review, a queryset for each kind: services,
    locations, organisations."""
    return [reviewed_services(), reviewed_locations(), reviewed_organisations()]


def share_checked(today, months=6):
    """The share (a float from 0 to 1) of services under review
    (``reviewed_services``) checked within the ``months`` before ``today``
    (last checked after the day ``months`` calendar months ago, and not in
    the future); None when there are no services. The figure is of
    services, what visitors come for; places and organisations are counted
    among the due ones (``count_due``).

    ``last_reviewed`` keeps the latest check alone, so the share in a past
    month cannot be rebuilt from it: ``record_share`` keeps each month's."""
    checked, total = checked_counts(today, months)
    return checked / total if total else None


def checked_counts(today, months=6):
    """(services checked within ``months`` before ``today``, services under
    review): the two numbers of ``share_checked``."""
    since = add_months(today, -months)
    counts = reviewed_services().aggregate(
        total=Count("pk"),
        checked=Count(
            "pk", filter=Q(last_reviewed__gt=since, last_reviewed__lte=today)
        ),
    )
    return counts["checked"], counts["total"]


def record_share(today):
    """Keep ``today``'s share checked in six months as its month's figure
    (a later day of the month replaces it); run daily by
    ``send_review_requests``. Returns the CheckedShare."""
    checked, total = checked_counts(today)
    record, _created = _checked_share().objects.update_or_create(
        month=today.replace(day=1),
        defaults={"checked": checked, "total": total, "recorded_on": today},
    )
    return record


def monthly_shares(months):
    """{month: share or None} for ``months`` (first days), from the daily
    records; a month without one is missing from the answer."""
    return {
        record.month: record.share
        for record in _checked_share().objects.filter(month__in=months)
    }


def _checked_share():
    return apps.get_model("directory", "CheckedShare")


# Long fields the due list does not read, by kind.
UNREAD = {
    "servicepage": ("description", "application_steps", "eligibility", "fees"),
    "location": ("description", "accessibility_notes", "transport_notes"),
    "organisation": ("description",),
}


def _of_organisation(records, organisation):
    """``records`` (one kind) that concern ``organisation``, in any
    language (matched by translation key): its services, itself, and the
    locations where its services under review are offered."""
    key = organisation.translation_key
    model = records.model
    if model._meta.model_name == "servicepage":
        return records.filter(organisation__translation_key=key)
    if model._meta.model_name == "organisation":
        return records.filter(translation_key=key)
    offered = reviewed_services().filter(organisation__translation_key=key)
    return records.filter(
        translation_key__in=model.objects.filter(
            service_links__service__in=offered
        ).values("translation_key")
    )


def _may_be_due(records, today, owner, organisation):
    """``records`` narrowed by the database to those that may be due on
    ``today`` (checked at least a month ago, or never), of ``owner`` and
    ``organisation`` when given, with the long fields left unread."""
    records = records.filter(
        Q(last_reviewed__isnull=True)
        | Q(last_reviewed__lte=today - datetime.timedelta(days=SHORTEST_MONTH))
    )
    if owner is not None:
        records = records.filter(review_owners=owner)
    if organisation is not None:
        records = _of_organisation(records, organisation)
    if records.model._meta.model_name == "servicepage":
        records = records.select_related("organisation")
    return records.defer(*UNREAD[records.model._meta.model_name])


def title_key(record):
    """How a record sorts by its name (search.analysis.sort_key): a
    service's is stored, a location's or organisation's is made here."""
    return getattr(record, "sort_title", None) or sort_key(str(record))


def _in_due_order(records):
    """``records`` never checked first, then by due date, the longest
    overdue first, then by name."""
    return sorted(
        records,
        key=lambda record: (
            record.last_reviewed is not None,
            due_on(record) or datetime.date.min,
            title_key(record),
            record._meta.model_name,
            record.pk,
        ),
    )


def due_records(today, owner=None, organisation=None):
    """The records under review (``under_review``: services, locations
    and organisations together) due on ``today`` (``is_due``), in due
    order: those never checked first, then by due date, the longest overdue
    first (then by name). One query for each kind.

    ``owner``: only those this user checks (``review_owners``);
    ``organisation``: only its services, itself and the places where its
    services are offered (in any language: matched by translation key)."""
    due = []
    for records in under_review():
        records = _may_be_due(records, today, owner, organisation)
        due.extend(record for record in records if is_due(record, today))
    return _in_due_order(due)


def due_services(today, owner=None, organisation=None):
    """The services among ``due_records``, as ServicePage with their
    organisation loaded, in the same order."""
    records = _may_be_due(reviewed_services(), today, owner, organisation)
    return _in_due_order(record for record in records if is_due(record, today))


def count_due(today):
    """How many records under review (services, locations, organisations)
    are due on ``today`` (``is_due``): the dashboard's figure, read as two
    columns of each record."""
    return sum(
        1
        for records in under_review()
        for last_reviewed, interval in records.values_list(
            "last_reviewed", "review_interval"
        )
        if is_due(ReviewDates(last_reviewed, interval), today)
    )


def days_overdue(record, today):
    """Whole days since ``record`` fell due (0 on its due date); None when
    it was never checked (it has no due date)."""
    due = due_on(record)
    return None if due is None else (today - due).days


def phone_to_confirm(record):
    """The number a visitor calls to confirm an out-of-date record: a
    service's first phone among its contacts, in their order; a location's
    or organisation's first phone (read with it where the page annotated
    it, directory.models.phones.known_first_phone); "" if none."""
    if isinstance(record, Page):
        phones = record.contacts.exclude(phone="").values_list("phone", flat=True)
        return phones.first() or ""
    phone = record.first_phone
    return phone.number if phone is not None else ""


def partner_address(record):
    """The partner's address for checks of a service or an organisation:
    ``review_email``, else the record's ``email``; "" when neither is set,
    and for a location, which the Centre's staff check."""
    if not hasattr(record, "review_email"):
        return ""
    return record.review_email or record.email or ""
