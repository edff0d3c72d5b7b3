"""The month view of the events: a month's days, each with its occurrences.

It is drawn as a list of days, which a wide screen lays out as seven columns
and a phone as one (templates/events/includes/month.html).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from events.choices import EventStatus, OccurrenceStatus
from events.filters import YEARS_WITHIN_REACH, filter_occurrences
from events.recurrence import local_midnight

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_VIEW_LIMIT = 600  # occurrences read for one month
MONTH_VIEW_PER_DAY = 4  # drawn in a day; the rest are a link to the list


def parse_month(value, today):
    """(year, month) from "2026-11", or None when the text is not a month."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and abs(year - today.year) <= YEARS_WITHIN_REACH):
        return None
    return year, month


def shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class CalendarEntry:
    """What a day of the month view shows of one occurrence; the time is
    kept as text, as the day shows it."""

    title: str
    url: str
    all_day: bool
    is_cancelled: bool
    is_postponed: bool
    iso_start: str  # 2026-11-24T10:00:00+02:00
    time: str  # 10:00


@dataclass(frozen=True)
class MonthDay:
    day: datetime.date
    entries: list
    more: int  # occurrences not drawn

    @property
    def is_busy(self):
        return bool(self.entries)


@dataclass
class MonthView:
    year: int
    month: int
    days: list  # of MonthDay, the first to the last of the month
    previous: str
    next: str
    truncated: bool = False

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def first_column(self):
        """The column (1 for Monday) of the first day on a wide screen."""
        return self.first_day.weekday() + 1

    @property
    def is_empty(self):
        return not any(day.entries for day in self.days)


def month_view(occurrences, filters, year, month, event_urls):
    """A month's occurrences by day.

    ``occurrences`` are those of the page's language; ``event_urls`` maps the
    events' url_paths to their addresses. A busy month has hundreds of
    occurrences and a day shows four: the rows are read as plain values, and
    only the ones shown become entries with an address.
    """
    first = datetime.date(year, month, 1)
    next_year, next_month = shift_month(year, month, 1)
    after = datetime.date(next_year, next_month, 1)
    rows = list(
        filter_occurrences(occurrences, filters)
        .filter(start__lt=local_midnight(after), end__gt=local_midnight(first))
        .order_by("start", "pk")
        .values_list(
            "start",
            "status",
            "event__title",
            "event__url_path",
            "event__all_day",
            "event__status",
        )[: MONTH_VIEW_LIMIT + 1]
    )
    truncated = len(rows) > MONTH_VIEW_LIMIT
    by_day = {}
    for row in rows[:MONTH_VIEW_LIMIT]:
        day = max(timezone.localtime(row[0]).date(), first)
        by_day.setdefault(day, []).append(row)
    shown = [
        row for day_rows in by_day.values() for row in day_rows[:MONTH_VIEW_PER_DAY]
    ]
    urls = event_urls({row[3] for row in shown})

    def entry(row):
        start, status, title, url_path, all_day, event_status = row
        local_start = timezone.localtime(start)
        return CalendarEntry(
            iso_start=local_start.isoformat(),
            time=f"{local_start:%H:%M}",
            title=title,
            url=urls.get(url_path, ""),
            all_day=all_day,
            is_cancelled=(
                status == OccurrenceStatus.CANCELLED
                or event_status == EventStatus.CANCELLED
            ),
            is_postponed=event_status == EventStatus.POSTPONED,
        )

    days = [
        MonthDay(
            day,
            [entry(row) for row in by_day.get(day, [])[:MONTH_VIEW_PER_DAY]],
            max(len(by_day.get(day, [])) - MONTH_VIEW_PER_DAY, 0),
        )
        for day in (
            first + datetime.timedelta(days=number)
            for number in range(calendar.monthrange(year, month)[1])
        )
    ]
    previous = "{:04d}-{:02d}".format(*shift_month(year, month, -1))
    following = f"{next_year:04d}-{next_month:02d}"
    return MonthView(year, month, days, previous, following, truncated)


def event_urls(index, request, url_paths):
    """{url_path: address} of event pages, without loading them.

    An event's address is its index page's address followed by the rest of
    its url_path; events elsewhere in the tree (if any) are read in one query.
    """
    base = index.get_url(request) or ""
    urls, elsewhere = {}, []
    for url_path in url_paths:
        if base and url_path.startswith(index.url_path):
            urls[url_path] = base + url_path[len(index.url_path) :]
        else:
            elsewhere.append(url_path)
    if elsewhere:
        for page in Page.objects.filter(url_path__in=elsewhere):
            urls[page.url_path] = page.get_url(request) or ""
    return urls
