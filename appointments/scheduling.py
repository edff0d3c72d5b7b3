"""The safety net for setting an appointment time, and the calendar file
sent with the appointment e-mail.

:func:`warnings` says what is odd about a time for a request (in the past,
a public holiday or closure, a weekend, outside the place's opening hours,
outside the date and hours of the Mobile Unit visit the person asked for, or
that visit cancelled); the caseworker is asked to confirm before such a time
is saved. The calendar truth (holidays, closures, hours) is
directory.calendar's; a visit's date and hours are its occurrence's
(events), shortened or cancelled by a closure as the public schedule shows.
"""

import datetime

import icalendar
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import lists
from core.staff_values import centre_zone, moment_text
from directory import calendar
from events.models import EventOccurrence

APPOINTMENT_LENGTH = datetime.timedelta(minutes=30)


def warnings(request_obj, when, now=None):
    """[message] for an appointment of ``request_obj`` at ``when`` (an aware
    datetime); empty when nothing is odd. Messages are in the active
    language, times on the Centre's clock."""
    now = now or timezone.now()
    local = timezone.localtime(when, centre_zone())
    day = local.date()
    location = request_obj.location
    found = []
    if when < now:
        found.append(
            _("%(when)s is in the past.") % {"when": moment_text(when)},
        )
    changes = calendar.closures_on(day, location)
    closed = [change for change in changes if change.is_all_day]
    for change in closed:
        found.append(
            _("%(day)s: closed (%(reason)s).")
            % {"day": date_format(day, "l j/n/Y"), "reason": change.reason}
        )
    if not closed and day.weekday() >= 5:
        found.append(
            _("%(day)s is a weekend day.") % {"day": date_format(day, "l j/n/Y")}
        )
    if location is not None and not closed:
        hours = calendar.hours_on(location, day)
        if location.opening_hours.exists() and not any(
            opens <= local.time() < closes for opens, closes in hours
        ):
            opening = lists.join(
                f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in hours
            ) or _("closed")
            found.append(
                _("%(time)s is outside the place's opening hours (%(hours)s).")
                % {"time": f"{local:%H:%M}", "hours": opening}
            )
    if request_obj.visit_starts_at:
        found.extend(visit_warnings(request_obj, when))
    return found


def mobile_unit_visit(request_obj):
    """The EventOccurrence of the Mobile Unit visit ``request_obj`` was made
    for (its ``visit_event`` at ``visit_starts_at``), or None when the request
    names no visit or that date is no longer in the event's schedule.

    A visit shortened by a closure after the request keeps its usual start
    in ``planned_start``, so either start finds it.
    """
    started = request_obj.visit_starts_at
    if request_obj.visit_event_id is None or started is None:
        return None
    return (
        EventOccurrence.objects.filter(event_id=request_obj.visit_event_id)
        .filter(Q(start=started) | Q(planned_start=started))
        .select_related("event")
        .order_by("start", "pk")
        .first()
    )


def visit_warnings(request_obj, when):
    """[message] for an appointment at ``when`` (aware) of a request made for
    a Mobile Unit visit: the visit was cancelled, or ``when`` is not within
    it (its date, from its start up to, not including, its end, as the
    opening-hours rule counts). When the visit is gone from the schedule, the
    date the person asked for is all there is to compare."""
    visit = mobile_unit_visit(request_obj)
    if visit is None:
        asked = timezone.localtime(request_obj.visit_starts_at, centre_zone())
        if asked.date() == timezone.localtime(when, centre_zone()).date():
            return []
        return [
            _("The person asked for the Mobile Unit visit of %(visit)s.")
            % {"visit": moment_text(request_obj.visit_starts_at)}
        ]
    found = []
    if visit.is_cancelled:
        found.append(
            _("The Mobile Unit visit of %(visit)s was cancelled.")
            % {"visit": moment_text(visit.key_start)}
        )
    if not visit.start <= when < visit.end:
        start = timezone.localtime(visit.start, centre_zone())
        end = timezone.localtime(visit.end, centre_zone())
        found.append(
            _(
                "%(when)s is outside the Mobile Unit's visit the person asked "
                "for (%(day)s, %(start)s–%(end)s)."
            )
            % {
                "when": moment_text(when),
                "day": date_format(start, "l j/n/Y"),
                "start": f"{start:%H:%M}",
                "end": f"{end:%H:%M}",
            }
        )
    return found


def ics_bytes(request_obj, sequence=0, location=None):
    """An iCalendar file (RFC 5545) of the appointment, for the person's
    calendar app: one event with a stable UID (the reference), whose
    SEQUENCE grows each time the time is moved so that the app replaces the
    old entry instead of adding a second one. ``location`` is the place as
    the person reads it (its translation), else the request's."""
    start = timezone.localtime(request_obj.scheduled_at, centre_zone())
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Kentro//appointments//EL")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    domain = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "kentro"
    domain = domain.lstrip(".") if domain != "*" else "kentro"
    event.add("uid", f"{request_obj.reference}@{domain}")
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + APPOINTMENT_LENGTH)
    event.add(
        "summary",
        _("Appointment at the Community Centre (%(reference)s)")
        % {"reference": request_obj.reference},
    )
    location = location or request_obj.location
    if location is not None:
        place = location.name
        address = location.one_line_address()
        event.add("location", f"{place}, {address}" if address else place)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
