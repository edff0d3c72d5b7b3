import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from directory.factories import CategoryFactory
from events.factories import EventPageFactory, local_datetime
from events.models import EventDateException, EventPage

ATHENS = ZoneInfo("Europe/Athens")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_feed_lists_expanded_occurrences_with_stable_uids(client, index):
    start = local_datetime(timezone.localdate() + datetime.timedelta(days=1), 18)
    EventPageFactory(
        parent=index,
        title="Χορωδία",
        start=start,
        end=start + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_count=3,
    )
    first = parse(client.get("/ekdiloseis/feed.ics"))
    events = vevents(first)
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} == {"Χορωδία"}
    assert [e.decoded("dtstart") for e in events] == [
        start + datetime.timedelta(weeks=n) for n in range(3)
    ]
    assert all("dtstamp" in e for e in events)
    again = vevents(parse(client.get("/ekdiloseis/feed.ics")))
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again]
    assert len({str(e["uid"]) for e in events}) == 3


def test_feed_carries_the_athens_time_zone(client, index):
    EventPageFactory(parent=index)
    calendar = parse(client.get("/ekdiloseis/feed.ics"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Athens"
    (event,) = vevents(calendar)
    assert event["dtstart"].params["TZID"] == "Europe/Athens"


@pytest.mark.parametrize(
    ("first_day", "utc_hours"),
    [
        # Last Sunday of March 2027: 28 March; of October 2027: 31 October.
        (datetime.date(2027, 3, 21), [8, 7, 7]),
        (datetime.date(2027, 10, 24), [7, 8, 8]),
    ],
)
def test_feed_keeps_local_time_across_daylight_saving_changes(
    client, index, first_day, utc_hours
):
    start = local_datetime(first_day, 10)
    event = EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_count=3,
    )
    calendar = parse(client.get(f"{event.url}calendar.ics"))
    starts = [e.decoded("dtstart") for e in vevents(calendar)]
    assert [s.astimezone(datetime.UTC).hour for s in starts] == utc_hours
    assert [s.astimezone(ATHENS).hour for s in starts] == [10, 10, 10]


def test_cancelled_occurrences_are_marked_cancelled(client, index):
    day = timezone.localdate() + datetime.timedelta(days=2)
    start = local_datetime(day, 10)
    EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="daily",
        repeat_count=3,
        exceptions=[
            (day + datetime.timedelta(days=1), EventDateException.Kind.CANCELLED),
            (day + datetime.timedelta(days=2), EventDateException.Kind.EXCLUDED),
        ],
    )
    events = vevents(parse(client.get("/ekdiloseis/feed.ics")))
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"]


def test_a_cancelled_event_is_cancelled_in_its_own_calendar(client, index):
    event = EventPageFactory(parent=index, status=EventPage.Status.CANCELLED)
    (item,) = vevents(parse(client.get(f"{event.url}calendar.ics")))
    assert str(item["status"]) == "CANCELLED"


def test_all_day_events_are_dates(client, index):
    day = timezone.localdate() + datetime.timedelta(days=4)
    event = EventPageFactory(
        parent=index,
        all_day=True,
        start=local_datetime(day, 0),
        end=local_datetime(day, 23),
    )
    (item,) = vevents(parse(client.get(f"{event.url}calendar.ics")))
    assert item.decoded("dtstart") == day
    assert item.decoded("dtend") == day + datetime.timedelta(days=1)


def test_feed_accepts_the_list_filters(client, index):
    music = CategoryFactory(slug="mousiki")
    EventPageFactory(parent=index, title="Συναυλία", categories=[music])
    EventPageFactory(parent=index, title="Σεμινάριο")
    events = vevents(parse(client.get("/ekdiloseis/feed.ics?category=mousiki")))
    assert [str(e["summary"]) for e in events] == ["Συναυλία"]


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-99-01&end=x&when=zzz",
        "start=0001-01-01&end=9999-12-31",
        "start=2030-01-02&end=2030-01-01",
        "category=%00&page=-3",
    ],
)
def test_feed_ignores_bad_filters_rather_than_failing(client, index, query):
    EventPageFactory(parent=index)
    response = client.get(f"/ekdiloseis/feed.ics?{query}")
    assert response.status_code == 200
    assert len(vevents(parse(response))) == 1


def test_feed_of_an_empty_calendar_still_parses(client, index):
    assert vevents(parse(client.get("/ekdiloseis/feed.ics"))) == []
