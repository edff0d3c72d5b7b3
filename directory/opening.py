"""Whether a place is open: wall-clock opening hours in Europe/Athens.

Opening hours are what the sign on the door says, so they are compared as
local wall-clock times on the local date; that keeps them right on the days
the clocks change. An opening whose closing time is earlier than its opening
time runs past midnight into the next day.

These are plain rules over what they are given: the usual week, and the
closures of the days in question (closed all day, or open shorter hours).
Which closures apply, national holidays included, is directory.calendar's
business.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")
SHORTENED = "shortened"


@dataclass(frozen=True)
class OpeningState:
    is_open: bool
    closes_at: datetime.datetime | None = None
    closed_for: str = ""
    note: str = ""  # why today's hours are not the usual ones


def applies_on(hours, day):
    return (
        hours.weekday == day.weekday()
        and (hours.valid_from is None or hours.valid_from <= day)
        and (hours.valid_to is None or day <= hours.valid_to)
    )


def is_shortened(closure):
    return getattr(closure, "kind", "") == SHORTENED


def closure_on(day, closures):
    """The closure that shuts the whole day, if any."""
    return next(
        (
            c
            for c in closures
            if c.starts_on <= day <= c.ends_on and not is_shortened(c)
        ),
        None,
    )


def shortened_on(day, closures):
    """The closure that shortens the day's hours, if any."""
    return next(
        (c for c in closures if c.starts_on <= day <= c.ends_on and is_shortened(c)),
        None,
    )


def clip(spans, day, closure):
    """The spans cut to the shorter hours of a day."""
    earliest = datetime.datetime.combine(day, closure.opens or datetime.time.min)
    if closure.closes:
        latest = datetime.datetime.combine(day, closure.closes)
    else:
        latest = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            days=1
        )
    clipped = []
    for start, end in spans:
        start = max(start, earliest.replace(tzinfo=start.tzinfo))
        end = min(end, latest.replace(tzinfo=end.tzinfo))
        if start < end:
            clipped.append((start, end))
    return clipped


def openings_on(day, opening_hours, closures=()):
    """(start, end) local datetimes of the openings that begin on a day, once
    the day's closure or shorter hours are applied."""
    if closure_on(day, closures) is not None:
        return []
    spans = []
    for hours in opening_hours:
        if not applies_on(hours, day):
            continue
        start = datetime.datetime.combine(day, hours.opens, tzinfo=ATHENS)
        end_day = (
            day + datetime.timedelta(days=1) if hours.closes <= hours.opens else day
        )
        end = datetime.datetime.combine(end_day, hours.closes, tzinfo=ATHENS)
        spans.append((start, end))
    shortened = shortened_on(day, closures)
    if shortened is not None:
        spans = clip(spans, day, shortened)
    return sorted(spans)


def state_at(moment, opening_hours, closures=()):
    """Is the place open at this moment, and until when?"""
    local = moment.astimezone(ATHENS)
    today = local.date()
    closure = closure_on(today, closures)
    if closure is not None:
        return OpeningState(is_open=False, closed_for=closure.reason)
    shortened = shortened_on(today, closures)
    note = shortened.reason if shortened is not None else ""
    wall_clock = local.replace(tzinfo=None)
    for day in (today - datetime.timedelta(days=1), today):
        for start, end in openings_on(day, opening_hours, closures):
            if start.replace(tzinfo=None) <= wall_clock < end.replace(tzinfo=None):
                return OpeningState(is_open=True, closes_at=end, note=note)
    return OpeningState(is_open=False, closed_for=note, note=note)


def changes_at(moment, opening_hours, closures=()):
    """When ``state_at(moment)`` next changes before midnight: the closing
    time when open, else the day's next opening; None when it does not
    change before the day ends. A page that shows "open now" is cached no
    longer than this (core.pagecache)."""
    state = state_at(moment, opening_hours, closures)
    if state.is_open:
        return state.closes_at
    local = moment.astimezone(ATHENS)
    wall_clock = local.replace(tzinfo=None)
    return min(
        (
            start
            for start, _end in openings_on(local.date(), opening_hours, closures)
            if start.replace(tzinfo=None) > wall_clock
        ),
        default=None,
    )


def hours_on(day, opening_hours, closures=()):
    """The openings shown for a day ("today 08:00–15:00"); none when closed."""
    return [
        (start.time(), end.time())
        for start, end in openings_on(day, opening_hours, closures)
    ]


def week_of(first, opening_hours):
    """The usual week of a place, Monday first, for the seven days from
    ``first`` (a date): [(weekday 0–6, [(opens, closes), ...])], every day
    present, an empty list meaning closed that day. Seasonal hours count for
    the day of that week they fall on; holidays and closures are not applied
    (they are listed apart, as the exceptions to this week)."""
    days = [first + datetime.timedelta(days=offset) for offset in range(7)]
    week = {day.weekday(): [] for day in days}
    for day in days:
        week[day.weekday()] = sorted(
            (row.opens, row.closes) for row in opening_hours if applies_on(row, day)
        )
    return sorted(week.items())
