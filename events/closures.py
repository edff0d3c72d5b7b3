"""What the one calendar of holidays and closures (directory.calendar) does
to events: a Mobile Unit visit on a closed day is cancelled, on a day of
shorter hours it is shortened, with the reason in both cases; another
event on such a day is left to its editor, who is warned."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from directory.calendar import Calendar
from events import recurrence


@dataclass(frozen=True)
class Change:
    """What a closure does to one occurrence."""

    reason: str
    cancelled: bool
    start: datetime.datetime | None = None  # the shorter times, when kept
    end: datetime.datetime | None = None


@dataclass(frozen=True)
class Clash:
    """One coming date of an event on a holiday or a closure: ``start`` (aware),
    the closure's ``reason`` and whether it takes the whole day (``cancelled``)
    or only shortens the hours."""

    start: datetime.datetime
    reason: str
    cancelled: bool


CLASH_DAYS = 183  # the months ahead an editor is warned about on saving


def calendar_for(starts, location_id):
    """The holidays and closures over the days of these starts, for a place
    (``None``: those of every place only). One query; None without starts."""
    if not starts:
        return None
    days = [recurrence.to_local(start).date() for start in starts]
    return Calendar.between(
        min(days), max(days), [location_id] if location_id is not None else []
    )


def change_for(calendar, start, end, location_id, all_day=False):
    """What the day's holidays and closures do to one occurrence, or None."""
    day = recurrence.to_local(start).date()
    changes = calendar.closures_on(day, location_id)
    if not changes:
        return None
    closed = next((change for change in changes if change.is_all_day), None)
    if closed is not None:
        return Change(closed.reason, cancelled=True)
    shortened = changes[0]
    if all_day:
        return None
    earliest, latest = start, end
    if shortened.opens is not None:
        earliest = max(start, local_time(day, shortened.opens))
    if shortened.closes is not None:
        latest = min(end, local_time(day, shortened.closes))
    if earliest >= latest:
        return Change(shortened.reason, cancelled=True)
    if (earliest, latest) == (start, end):
        return None
    return Change(shortened.reason, cancelled=False, start=earliest, end=latest)


def local_time(day, time):
    return recurrence.localise(datetime.datetime.combine(day, time))


def conflicts(occurrences, location_id):
    """[(occurrence, reason)] of the scheduled occurrences that fall on a
    holiday or a closure of their place (or on shorter hours that cut them):
    what an editor is warned about."""
    occurrences = [o for o in occurrences if not o.is_cancelled]
    calendar = calendar_for([o.start for o in occurrences], location_id)
    found = []
    for occurrence in occurrences:
        change = change_for(
            calendar,
            occurrence.start,
            occurrence.end,
            location_id,
            occurrence.event.all_day,
        )
        if change is not None and not occurrence.reason:
            found.append((occurrence, change.reason))
    return found


def clashes(event, horizon=None, now=None):
    """[Clash] of the event's dates from now up to the horizon (default
    ``CLASH_DAYS`` ahead) that fall on a holiday or a closure of its place,
    or whose hours a shorter day cuts: what the editor is told on saving
    (issue #25). For a Mobile Unit visit these are the dates the calendar
    cancels or shortens; for another event, the dates its editor may want
    to cancel.

    Computed from the event's own fields and exceptions (the revision being
    saved, draft or not), not from the stored occurrences, which follow the
    live revision only. Dates already cancelled by an exception are left out.
    """
    now = now or timezone.now()
    if horizon is None:
        horizon = now + datetime.timedelta(days=CLASH_DAYS)
    coming = [
        (start, end)
        for start, end, cancelled in event.expand(horizon)
        if end >= now and not cancelled
    ]
    calendar = calendar_for([start for start, _end in coming], event.location_id)
    found = []
    for start, end in coming:
        change = change_for(calendar, start, end, event.location_id, event.all_day)
        if change is not None:
            found.append(Clash(start, change.reason, change.cancelled))
    return found
