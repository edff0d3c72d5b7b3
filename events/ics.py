"""iCalendar (RFC 5545) output: expanded occurrences in Europe/Athens time."""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from events import recurrence

PRODID = "-//Kentro//Community Centre events//EL"


def occurrence_uid(occurrence, domain):
    """Stable across rebuilds: the event's translation key and the start."""
    start = occurrence.start.astimezone(datetime.UTC)
    return f"{occurrence.event.translation_key}-{start:%Y%m%dT%H%M%SZ}@{domain}"


def build_calendar(occurrences, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", recurrence.EVENT_TIME_ZONE.key)
    domain = request.get_host().split(":")[0] or "kentro"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for occurrence in occurrences:
        event = occurrence.event
        item = icalendar.Event()
        item.add("uid", occurrence_uid(occurrence, domain))
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        if event.all_day:
            item.add("dtstart", occurrence.local_start.date())
            item.add("dtend", occurrence.local_end.date())
        else:
            item.add("dtstart", occurrence.start.astimezone(recurrence.EVENT_TIME_ZONE))
            item.add("dtend", occurrence.end.astimezone(recurrence.EVENT_TIME_ZONE))
        if event.summary:
            item.add("description", event.summary)
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
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar


def ics_response(occurrences, request, filename, name):
    return calendar_response(
        build_calendar(occurrences, request, name).to_ical(), filename
    )


def calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
