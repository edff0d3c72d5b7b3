"""Setting an appointment time: warnings to confirm for a past time, a
holiday or closure, a weekend, outside the opening hours or outside the
Mobile Unit visit the person asked for; a moved time
e-mails "your appointment has changed" with the old and new time and a
calendar file."""

import datetime
import zoneinfo

import icalendar
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from appointments import scheduling
from appointments.factories import AppointmentRequestFactory
from events.choices import EventKind, OccurrenceStatus
from events.models import EventOccurrence, EventPage

from .test_admin import login_as

ATHENS = zoneinfo.ZoneInfo("Europe/Athens")


def next_christmas():
    today = timezone.localdate()
    christmas = datetime.date(today.year, 12, 25)
    return christmas if christmas > today else christmas.replace(year=today.year + 1)


def clean_slots(request_obj, count=2):
    """Times without any warning: working days two weeks on, office hours."""
    found = []
    day = timezone.localdate() + datetime.timedelta(days=14)
    while len(found) < count:
        for hour in (10, 11, 12):
            when = datetime.datetime.combine(day, datetime.time(hour), tzinfo=ATHENS)
            if not scheduling.warnings(request_obj, when):
                found.append(when)
                break
        day += datetime.timedelta(days=1)
    return found


def post_time(client, request_obj, when, **extra):
    return client.post(
        reverse("appointments:inspect", args=[request_obj.pk]),
        {
            "action": "schedule",
            "schedule-scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
            **extra,
        },
    )


def test_christmas_asks_to_confirm_and_saves_only_then(client, service, centre):
    login_as(client, "Caseworkers")
    request_obj = AppointmentRequestFactory(
        status="contacted", service=service, location=centre, email=""
    )
    when = datetime.datetime.combine(next_christmas(), datetime.time(10))

    warned = post_time(client, request_obj, when)

    html = warned.content.decode()
    assert warned.status_code == 200
    assert "Ελέγξτε αυτή την ώρα πριν την ορίσετε" in html
    assert "κλειστά" in html
    request_obj.refresh_from_db()
    assert request_obj.scheduled_at is None

    post_time(client, request_obj, when, **{"schedule-confirmed": "on"})
    request_obj.refresh_from_db()
    assert timezone.localtime(request_obj.scheduled_at, ATHENS).hour == 10


def test_past_and_outside_hours_are_warned(service, centre):
    request_obj = AppointmentRequestFactory(
        status="contacted", service=service, location=centre
    )
    good = clean_slots(request_obj, 1)[0]
    yesterday = good - datetime.timedelta(days=60)
    late = good.replace(hour=22)

    assert any(
        "έχει ήδη περάσει" in text
        for text in scheduling.warnings(request_obj, yesterday)
    )
    assert any(
        "εκτός ωραρίου" in text for text in scheduling.warnings(request_obj, late)
    )


def test_moving_the_time_mails_old_and_new_with_a_calendar_file(
    client, service, centre, django_capture_on_commit_callbacks
):
    login_as(client, "Caseworkers")
    request_obj = AppointmentRequestFactory(
        status="contacted",
        service=service,
        location=centre,
        email="eleni@example.org",
        site_language="el",
    )
    first, second = clean_slots(request_obj, 2)

    with django_capture_on_commit_callbacks(execute=True):
        post_time(client, request_obj, first)
    with django_capture_on_commit_callbacks(execute=True):
        post_time(client, request_obj, second)

    arranged, moved = mail.outbox[-2:]
    assert "άλλαξε" not in arranged.subject
    assert "Το ραντεβού σας άλλαξε" in moved.subject
    assert first.strftime("%d/%m/%Y %H:%M") in moved.body  # the old time
    assert f"{second:%H:%M}" in moved.body  # the new time
    assert service.full_url in moved.body  # the checklist of documents
    name, content, mimetype = moved.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == second
    assert event["sequence"] == 1
    assert event["uid"].startswith(request_obj.reference)


def mobile_unit_request(start_hour=10, end_hour=13):
    """A request made for a Mobile Unit visit three weeks on, on a Wednesday,
    from start_hour to end_hour Athens time (an occurrence of a demo visit
    event, made here so that the date does not depend on the demo's)."""
    event = (
        EventPage.objects.filter(
            kind=EventKind.MOBILE_UNIT_VISIT,
            locale__language_code="el",
            location__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    day = timezone.localdate() + datetime.timedelta(days=21)
    day += datetime.timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    start = datetime.datetime.combine(day, datetime.time(start_hour), tzinfo=ATHENS)
    end = datetime.datetime.combine(day, datetime.time(end_hour), tzinfo=ATHENS)
    occurrence = EventOccurrence.objects.create(event=event, start=start, end=end)
    request_obj = AppointmentRequestFactory(
        status="contacted",
        location=event.location,
        visit_event=event,
        visit_starts_at=start,
    )
    return request_obj, occurrence


def visit_messages(request_obj, when):
    return [
        text
        for text in scheduling.warnings(request_obj, when)
        if "Κινητής Μονάδας" in text
    ]


def test_a_time_within_the_mobile_unit_visit_is_not_warned(db):
    request_obj, visit = mobile_unit_request()
    assert visit_messages(request_obj, visit.start) == []
    assert visit_messages(request_obj, visit.end - datetime.timedelta(minutes=30)) == []


def test_a_time_outside_the_mobile_unit_visits_hours_is_warned(db):
    request_obj, visit = mobile_unit_request(10, 13)
    after = visit.end  # 13:00: the van has left
    before = visit.start - datetime.timedelta(hours=1)

    for when in (after, before):
        (message,) = visit_messages(request_obj, when)
        assert "εκτός της επίσκεψης της Κινητής Μονάδας" in message
        assert "10:00–13:00" in message
        assert f"{timezone.localtime(when, ATHENS):%H:%M}" in message


def test_another_day_than_the_mobile_unit_visit_is_warned(db):
    request_obj, visit = mobile_unit_request(10, 13)
    next_day = visit.start + datetime.timedelta(days=1)

    (message,) = visit_messages(request_obj, next_day)
    assert "εκτός της επίσκεψης της Κινητής Μονάδας" in message
    assert f"{timezone.localtime(visit.start, ATHENS):%-d/%-m/%Y}" in message


def test_a_shortened_visit_counts_with_its_shorter_hours(db):
    request_obj, visit = mobile_unit_request(10, 13)
    # A closure made the visit 11:00-13:00 after the person asked for it.
    visit.planned_start, visit.planned_end = visit.start, visit.end
    visit.start = visit.start + datetime.timedelta(hours=1)
    visit.save()

    (message,) = visit_messages(request_obj, visit.planned_start)
    assert "11:00–13:00" in message
    assert visit_messages(request_obj, visit.start) == []


def test_a_cancelled_visit_is_warned(db):
    request_obj, visit = mobile_unit_request()
    visit.status = OccurrenceStatus.CANCELLED
    visit.save()

    messages = visit_messages(request_obj, visit.start)
    assert any("ακυρώθηκε" in text for text in messages)


def test_a_visit_gone_from_the_schedule_compares_the_day_asked_for(db):
    request_obj, visit = mobile_unit_request()
    visit.delete()

    assert visit_messages(request_obj, request_obj.visit_starts_at) == []
    (message,) = visit_messages(
        request_obj, request_obj.visit_starts_at + datetime.timedelta(days=2)
    )
    assert "Το άτομο ζήτησε την επίσκεψη" in message
