"""Whether a place is open: wall-clock opening hours in Europe/Athens.

Opening hours are what the sign on the door says, so they are compared as
local wall-clock times on the local date; that keeps them right on the days
the clocks change. An opening whose closing time is earlier than its opening
time runs past midnight into the next day.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")


@dataclass(frozen=True)
class OpeningState:
    is_open: bool
    closes_at: datetime.datetime | None = None
    closed_for: str = ""


def applies_on(hours, day):
    return (
        hours.weekday == day.weekday()
        and (hours.valid_from is None or hours.valid_from <= day)
        and (hours.valid_to is None or day <= hours.valid_to)
    )


def closure_on(day, closures):
    return next((c for c in closures if c.starts_on <= day <= c.ends_on), None)


def openings_on(day, opening_hours):
    """(start, end) local datetimes of the openings that begin on a day."""
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
    return sorted(spans)


def state_at(moment, opening_hours, closures=()):
    """Is the place open at this moment, and until when?"""
    local = moment.astimezone(ATHENS)
    today = local.date()
    closure = closure_on(today, closures)
    if closure is not None:
        return OpeningState(is_open=False, closed_for=closure.reason)
    wall_clock = local.replace(tzinfo=None)
    for day in (today - datetime.timedelta(days=1), today):
        if closure_on(day, closures) is not None:
            continue
        for start, end in openings_on(day, opening_hours):
            if start.replace(tzinfo=None) <= wall_clock < end.replace(tzinfo=None):
                return OpeningState(is_open=True, closes_at=end)
    return OpeningState(is_open=False)


def hours_on(day, opening_hours, closures=()):
    """The openings shown for a day ("today 08:00–15:00"); none when closed."""
    if closure_on(day, closures) is not None:
        return []
    return [
        (start.time(), end.time()) for start, end in openings_on(day, opening_hours)
    ]
