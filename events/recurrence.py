"""Recurrence rules (RFC 5545) built from editor-friendly fields and expanded
with python-dateutil.

Expansion happens in local wall-clock time (Europe/Athens) and each occurrence
is localised afterwards, so that a weekly 10:00 event stays at 10:00 on either
side of a daylight-saving change.
"""

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr

from core.weekdays import Weekday

EVENT_TIME_ZONE = ZoneInfo("Europe/Athens")
HORIZON_DAYS = 548  # about 18 months
MAX_OCCURRENCES = 2000  # per event: a safety net against runaway daily rules

FREQUENCIES = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY"}


def build_rule(
    frequency, interval=1, weekdays=(), week_of_month=None, until=None, count=None
):
    """The RRULE text for the editor's choices, or "" for a one-off event.

    ``weekdays`` are 0 (Monday) to 6 (Sunday); ``week_of_month`` (1 to 4, or -1
    for the last) turns a monthly rule into "the second Tuesday" and the like;
    ``until`` is a date (inclusive, local time).
    """
    if frequency not in FREQUENCIES:
        return ""
    parts = [f"FREQ={FREQUENCIES[frequency]}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={int(interval)}")
    days = [Weekday(int(day)).code for day in sorted({int(d) for d in weekdays})]
    if days and frequency != "daily":
        if frequency == "monthly" and week_of_month:
            days = [f"{int(week_of_month)}{code}" for code in days]
        parts.append("BYDAY=" + ",".join(days))
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count:
        parts.append(f"COUNT={int(count)}")
    return ";".join(parts)


def to_local(value, tz=EVENT_TIME_ZONE):
    """An aware datetime as naive wall-clock time in the event's time zone."""
    return value.astimezone(tz).replace(tzinfo=None)


def localise(naive, tz=EVENT_TIME_ZONE):
    """Wall-clock time to an aware datetime; a time skipped by a DST change
    (03:30 on the last Sunday of March) moves on by the hour that was lost."""
    aware = naive.replace(tzinfo=tz)
    return aware.astimezone(datetime.UTC).astimezone(tz)


def local_starts(start, rule="", exdates=(), until=None):
    """Naive local start times of an event, up to ``until`` (naive local)."""
    if not rule:
        return [start] if until is None or start <= until else []
    rules = rruleset()
    rules.rrule(rrulestr(rule, dtstart=start))
    excluded = set(exdates)
    starts = []
    for value in rules:
        if until is not None and value > until:
            break
        if value.date() not in excluded:
            starts.append(value)
        if len(starts) >= MAX_OCCURRENCES:
            break
    return starts


def has_a_date(start, rule="", exdates=()):
    """Whether a rule yields at least one (naive local) start on a day that is
    not left out."""
    excluded = set(exdates)
    if not rule:
        return start.date() not in excluded
    return any(value.date() not in excluded for value in rrulestr(rule, dtstart=start))


def expand(start, end, rule="", exdates=(), horizon=None, tz=EVENT_TIME_ZONE):
    """(start, end) pairs of aware datetimes for each occurrence.

    ``start`` and ``end`` are aware datetimes of the first occurrence; its
    wall-clock duration is kept for every later one. ``exdates`` are local
    dates on which the event does not take place; ``horizon`` is an aware
    datetime after which nothing is expanded.
    """
    local_start = to_local(start, tz)
    duration = to_local(end, tz) - local_start
    until = to_local(horizon, tz) if horizon is not None else None
    pairs = []
    for value in local_starts(local_start, rule, exdates, until):
        occurrence_start = localise(value, tz)
        occurrence_end = localise(value + duration, tz)
        if occurrence_end <= occurrence_start and duration:
            # The start fell into the hour skipped in spring: keep the length.
            occurrence_end = occurrence_start + duration
        pairs.append((occurrence_start, occurrence_end))
    return pairs


def local_midnight(day, tz=EVENT_TIME_ZONE):
    """The aware start of a local day."""
    return localise(datetime.datetime.combine(day, datetime.time()), tz)
