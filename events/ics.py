"""iCalendar (RFC 5545) output: expanded occurrences in Europe/Athens time.

What calendar apps need to read a file right, and to keep it right:

* the time zone as yearly rules (the form Google and tzurl publish), built
  from the rule tzdata itself gives for the years after its table, so that
  summer time starts at 03:00 local and ends at 04:00 local as it does;
* a UID per occurrence that never changes, with SEQUENCE and LAST-MODIFIED,
  so that a cancelled or shortened visit replaces the copy people have;
* lines folded by icalendar (7.3 or later never splits an escape such as
  ``\\,`` across a fold, which made Google Calendar drop the event).
"""

import datetime
import re
import zoneinfo
from importlib import resources

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.weekdays import Weekday
from events import recurrence

PRODID = "-//Kentro//Community Centre events//EL"
PAST_DAYS = 31  # how far back an event's or a feed's dates go
EVENT_LIMIT = 500  # occurrences in one event's calendar
DAY_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
POSIX_RULE = re.compile(
    r"^(?P<std>[A-Za-z]+|<[^>]+>)(?P<offset>[-+]?[\d:]+)"
    r"(?:(?P<dst>[A-Za-z]+|<[^>]+>)(?P<dst_offset>[-+]?[\d:]+)?"
    r",M(?P<on>[\d.]+)(?:/(?P<on_at>[\d:]+))?"
    r",M(?P<off>[\d.]+)(?:/(?P<off_at>[\d:]+))?)?$"
)


def parse_day(value):
    """A date from "2027-01-01", or None for anything else."""
    match = DAY_PATTERN.match(value or "")
    if not match:
        return None
    try:
        day = datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return day if abs(day.year - timezone.localdate().year) <= 20 else None


def occurrence_uid(occurrence, domain):
    """Stable across rebuilds and shorter hours: the event's translation key
    and the start its rule gives."""
    start = occurrence.key_start.astimezone(datetime.UTC)
    return f"{occurrence.event.translation_key}-{start:%Y%m%dT%H%M%SZ}@{domain}"


# Time zone -----------------------------------------------------------------


def tzif_footer(key):
    """The POSIX TZ rule at the end of a zone's TZif file ("EET-2EEST,
    M3.5.0/3,M10.5.0/4"): what tzdata says holds after its table."""
    for folder in zoneinfo.TZPATH:
        try:
            with open(f"{folder}/{key}", "rb") as tzif:
                data = tzif.read()
            break
        except OSError:
            continue
    else:
        data = resources.files("tzdata.zoneinfo").joinpath(key).read_bytes()
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")


def posix_offset(text, default_hours=None):
    """POSIX offsets are hours west of Greenwich: "-2" is UTC+2."""
    if text is None:
        return datetime.timedelta(hours=default_hours)
    sign = 1 if text.startswith("-") else -1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    hours, minutes = parts[0], parts[1] if len(parts) > 1 else 0
    return sign * datetime.timedelta(hours=hours, minutes=minutes)


def rule_time(text):
    parts = [int(part) for part in (text or "2").split(":")]
    return datetime.time(parts[0], parts[1] if len(parts) > 1 else 0)


def first_onset(month_week_day, at, year=1970):
    """The date of the first change of a year by a POSIX "m.w.d" rule."""
    month, week, weekday = (int(part) for part in month_week_day.split("."))
    day = datetime.date(year, month, 1)
    python_weekday = (weekday - 1) % 7
    day += datetime.timedelta(days=(python_weekday - day.weekday()) % 7)
    day += datetime.timedelta(weeks=week - 1)
    while day.month != month:
        day -= datetime.timedelta(weeks=1)
    return datetime.datetime.combine(day, at)


def yearly_rule(month_week_day):
    month, week, weekday = (int(part) for part in month_week_day.split("."))
    nth = -1 if week == 5 else week
    return {
        "FREQ": "YEARLY",
        "BYMONTH": month,
        # A POSIX TZ rule counts days from Sunday (0); Weekday from Monday.
        "BYDAY": f"{nth}{Weekday((weekday - 1) % 7).code}",
    }


def vtimezone(key=recurrence.EVENT_TIME_ZONE.key):
    """A VTIMEZONE with one STANDARD and one DAYLIGHT part, each a yearly
    rule, from the zone's rule in tzdata."""
    match = POSIX_RULE.match(tzif_footer(key))
    if match is None:
        raise ValueError(f"The rule of {key} is not understood")
    standard = posix_offset(match["offset"])
    zone = icalendar.Timezone()
    zone.add("tzid", key)
    if not match["dst"]:
        part = icalendar.TimezoneStandard()
        part.add("tzname", match["std"].strip("<>"))
        part.add("dtstart", datetime.datetime(1970, 1, 1))
        part.add("tzoffsetfrom", standard)
        part.add("tzoffsetto", standard)
        zone.add_component(part)
        return zone
    daylight = (
        posix_offset(match["dst_offset"])
        if match["dst_offset"]
        else standard + datetime.timedelta(hours=1)
    )
    for kind, name, rule, at, before, after in (
        (
            icalendar.TimezoneDaylight,
            match["dst"],
            match["on"],
            match["on_at"],
            standard,
            daylight,
        ),
        (
            icalendar.TimezoneStandard,
            match["std"],
            match["off"],
            match["off_at"],
            daylight,
            standard,
        ),
    ):
        part = kind()
        part.add("tzname", name.strip("<>"))
        part.add("dtstart", first_onset(rule, rule_time(at)))
        part.add("rrule", yearly_rule(rule))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        zone.add_component(part)
    return zone


# Calendars -------------------------------------------------------------------


def describe(occurrence):
    """The event's summary, with what changed the date first; then who may
    come and what to bring (a distribution day's, issue 24), as the event's
    page shows them, so that a calendar entry is enough on the day."""
    event = occurrence.event
    lines = []
    if occurrence.is_cancelled and occurrence.reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": occurrence.reason})
    elif occurrence.is_shortened:
        lines.append(
            _("Shorter hours (usually %(start)s–%(end)s): %(reason)s")
            % {
                "start": f"{occurrence.local_planned_start:%H:%M}",
                "end": f"{occurrence.local_planned_end:%H:%M}",
                "reason": occurrence.reason,
            }
        )
    if event.summary:
        lines.append(event.summary)
    if event.who_can_come:
        lines.append(event.who_can_come.strip())
    bring = event.what_to_bring_lines()
    if bring:
        lines.append("\n".join([_("What to bring:"), *(f"- {line}" for line in bring)]))
    return "\n\n".join(lines)


def event_component(occurrence, request, domain, stamp):
    event = occurrence.event
    item = icalendar.Event()
    item.add("uid", occurrence_uid(occurrence, domain))
    item.add("dtstamp", stamp)
    item.add("sequence", occurrence.sequence)
    item.add(
        "last-modified",
        occurrence.modified_at.astimezone(datetime.UTC).replace(microsecond=0),
    )
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", occurrence.local_start.date())
        item.add("dtend", occurrence.local_end.date())
    else:
        item.add("dtstart", occurrence.start.astimezone(recurrence.EVENT_TIME_ZONE))
        item.add("dtend", occurrence.end.astimezone(recurrence.EVENT_TIME_ZONE))
    description = describe(occurrence)
    if description:
        item.add("description", description)
    if event.location is not None:
        parts = [event.location.name, event.location.one_line_address()]
        item.add("location", ", ".join(part for part in parts if part))
        if event.location.has_coordinates:
            item.add(
                "geo",
                (float(event.location.latitude), float(event.location.longitude)),
            )
    elif event.online_url:
        item.add("location", event.online_url)
    item.add("url", event.get_full_url(request))
    if occurrence.is_cancelled:
        item.add("status", "CANCELLED")
    elif occurrence.is_postponed:
        item.add("status", "TENTATIVE")
    else:
        item.add("status", "CONFIRMED")
    return item


def build_calendar(occurrences, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", recurrence.EVENT_TIME_ZONE.key)
    calendar.add(
        "refresh-interval", datetime.timedelta(hours=12), {"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", "PT12H")
    calendar.add_component(vtimezone())
    domain = request.get_host().split(":")[0] or "kentro"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for occurrence in occurrences:
        calendar.add_component(event_component(occurrence, request, domain, stamp))
    return calendar


def ics_response(occurrences, request, filename, name):
    return calendar_response(
        build_calendar(occurrences, request, name).to_ical(), filename
    )


def calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
