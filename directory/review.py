"""The review cycle of the directory's services (issue #25, parts 1 and 4):
when a record falls due for a check, when it counts as out of date, and the
figures staff follow.

* A service checked on ``last_reviewed`` falls due ``review_interval``
  calendar months later (6 unless an editor set another); a service never
  checked is due at once.
* It is *out of date* once it is older than twice its interval: the public
  page then asks visitors to call before they go, and the directory lists it
  after the others. A service never checked is not called out of date in
  public (nothing says its data is old), but it heads the list of due ones.
* The cycle belongs to the record, not to a translation: wagtail-localize
  synchronises ``last_reviewed``, ``reviewed_by`` and ``review_interval``
  into every translation, so staff count and list the live pages in the
  default language (Greek), one per service. Withdrawn services (status
  "inactive") are no longer offered and need no checking: they are left out.

The rules take ``today`` (an Athens date) as an argument, so that tests and
reports name the day they answer for.
"""

import datetime
from calendar import monthrange
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from wagtail.coreutils import get_supported_content_language_variant

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
    """What the rules read of a service (any object with these two
    attributes will do), when only its values were read."""

    last_reviewed: datetime.date | None
    review_interval: int | None


def interval_of(service):
    """The service's review interval in months (the default for a blank)."""
    return service.review_interval or DEFAULT_INTERVAL


def due_on(service):
    """The date ``service`` falls due for its next check: ``last_reviewed``
    plus ``review_interval`` calendar months (``add_months``). None when it
    was never checked, which means due now."""
    if service.last_reviewed is None:
        return None
    return add_months(service.last_reviewed, interval_of(service))


def is_due(service, today):
    """Whether ``service`` needs its check on ``today``: never checked, or
    its due date (``due_on``) is today or past."""
    due = due_on(service)
    return due is None or due <= today


def out_of_date_from(service):
    """The first day ``service`` counts as out of date: the day after twice
    its interval has passed since ``last_reviewed`` (it is then *older* than
    twice its interval). None when it was never checked: that is not shown
    as out of date (see the module's docstring)."""
    return stale_from(service.last_reviewed, interval_of(service))


def stale_from(last_reviewed, interval):
    """``out_of_date_from`` for a record's values, as the directory's
    catalogue reads them: ``last_reviewed`` (a date or None) and
    ``interval`` (months; None or 0 for the default)."""
    if last_reviewed is None:
        return None
    last_good = add_months(last_reviewed, 2 * (interval or DEFAULT_INTERVAL))
    return last_good + datetime.timedelta(days=1)


def is_out_of_date(service, today):
    """Whether the public page of ``service`` says on ``today`` that its
    information may be out of date (``out_of_date_from``)."""
    start = out_of_date_from(service)
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


def share_checked(today, months=6):
    """The share (a float from 0 to 1) of services under review
    (``reviewed_services``) checked within the ``months`` before ``today``
    (last checked after the day ``months`` calendar months ago, and not in
    the future); None when there are no services.

    Only today's figure can be given: ``last_reviewed`` keeps the latest
    check alone, so the share in a past month cannot be rebuilt from it."""
    since = add_months(today, -months)
    counts = reviewed_services().aggregate(
        total=Count("pk"),
        checked=Count(
            "pk", filter=Q(last_reviewed__gt=since, last_reviewed__lte=today)
        ),
    )
    if not counts["total"]:
        return None
    return counts["checked"] / counts["total"]


def due_services(today, owner=None, organisation=None):
    """The services under review due on ``today`` (``is_due``), as a list of
    ServicePage with their organisation loaded: those never
    checked first, then by due date, the longest overdue first (then by
    title).

    ``owner``: only those this user checks (``review_owners``);
    ``organisation``: only those it provides (in any language: matched by
    translation key)."""
    services = reviewed_services().filter(
        Q(last_reviewed__isnull=True)
        | Q(last_reviewed__lte=today - datetime.timedelta(days=SHORTEST_MONTH))
    )
    if owner is not None:
        services = services.filter(review_owners=owner)
    if organisation is not None:
        services = services.filter(
            organisation__translation_key=organisation.translation_key
        )
    # The report shows a page at a time: the long fields are left unread.
    services = services.select_related("organisation").defer(
        "description", "application_steps", "eligibility", "fees"
    )
    due = [service for service in services if is_due(service, today)]
    due.sort(
        key=lambda service: (
            service.last_reviewed is not None,
            due_on(service) or datetime.date.min,
            service.sort_title,
            service.pk,
        )
    )
    return due


def count_due(today):
    """How many services under review are due on ``today`` (``is_due``):
    the dashboard's figure, read as two columns of each service."""
    rows = reviewed_services().values_list("last_reviewed", "review_interval")
    return sum(
        1
        for last_reviewed, interval in rows
        if is_due(ReviewDates(last_reviewed, interval), today)
    )


def days_overdue(service, today):
    """Whole days since ``service`` fell due (0 on its due date); None when
    it was never checked (it has no due date)."""
    due = due_on(service)
    return None if due is None else (today - due).days


def phone_to_confirm(service):
    """The number a visitor calls to confirm an out-of-date record: the
    first phone among the service's contacts, in their order; "" if none."""
    phones = service.contacts.exclude(phone="").values_list("phone", flat=True)
    return phones.first() or ""
