import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from directory.factories import CategoryFactory, LocationFactory
from directory.models import Location
from events import ics
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


# Every calendar file, read by a second parser and checked line by line ------

LONG_SUMMARY = (
    "Φέρτε: ταυτότητα, ΑΜΚΑ; κωδικούς Taxisnet, αν τους έχετε, και τα "
    "χαρτιά του επιδόματος (Α21, Β2). Διαδρομή: C:\\έγγραφα\\αιτήσεις, "
    "πλατεία, δίπλα στο ΚΑΠΗ; ρωτήστε στο περίπτερο, στο καφενείο, στον "
    "ταχυδρόμο."
)


def physical_lines(body):
    assert body.endswith(b"\r\n")
    return body[:-2].split(b"\r\n")


def assert_well_folded(body):
    """No line over 75 octets, none split inside a UTF-8 character, and no
    fold between a backslash and the character it escapes."""
    lines = physical_lines(body)
    for number, line in enumerate(lines):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
        following = lines[number + 1] if number + 1 < len(lines) else b""
        if following.startswith(b" "):
            trailing = len(line) - len(line.rstrip(b"\\"))
            assert trailing % 2 == 0, (line, following)


def read_with_vobject(body):
    """Parse with vobject (dateutil underneath), not icalendar."""
    import vobject

    (calendar,) = list(vobject.readComponents(body.decode("utf-8")))
    events = list(calendar.contents.get("vevent", []))
    for event in events:
        for name in ("uid", "dtstamp", "dtstart", "sequence", "last-modified"):
            assert name in event.contents, name
    return calendar, events


@pytest.fixture
def stop(db):

    return LocationFactory(
        slug="ics-stop",
        name="Καρδαμύλη",
        city="Καρδαμύλη",
        locative="στην Καρδαμύλη",
        kind=Location.Kind.MOBILE_STOP,
    )


@pytest.fixture
def calendar_files(client, index, mobile_unit_page, stop):
    start = local_datetime(timezone.localdate() + datetime.timedelta(days=2), 9)
    visit = EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        title="Η Κινητή Μονάδα στην Καρδαμύλη, στη Στούπα; και αλλού\\παντού",
        summary=LONG_SUMMARY,
        location=stop,
        start=start,
        end=start + datetime.timedelta(hours=4),
        repeat="weekly",
    )
    EventPageFactory(parent=index, summary=LONG_SUMMARY * 2)
    return {
        url: client.get(url)
        for url in (
            "/ekdiloseis/feed.ics",
            "/ekdiloseis/feed.ics?attendance=in_person",
            f"{visit.url}calendar.ics",
            f"{visit.url}calendar.ics?date={start.date()}",
            "/kiniti-monada/ics-stop/visits.ics",
            f"/kiniti-monada/ics-stop/{start.date()}.ics",
        )
    }


def test_every_calendar_file_reads_with_a_second_parser_and_folds_cleanly(
    calendar_files,
):
    for url, response in calendar_files.items():
        assert response.status_code == 200, url
        body = response.content
        assert_well_folded(body)
        _calendar, events = read_with_vobject(body)
        assert events, url
        with_summary = [e for e in events if "description" in e.contents]
        assert with_summary, url
        assert LONG_SUMMARY in with_summary[0].description.value, url
        # icalendar reads the same dates.
        parsed = icalendar.Calendar.from_ical(body)
        assert [e.decoded("dtstart") for e in vevents(parsed)] == [
            e.dtstart.value for e in events
        ], url


def test_a_visit_downloaded_on_its_own_is_one_event(calendar_files):
    import re

    days = {
        url: found.group(1)
        for url in calendar_files
        if (found := re.search(r"(?:date=|/)(\d{4}-\d{2}-\d{2})(?:\.ics)?$", url))
    }
    assert len(days) == 2
    for url, day in days.items():
        _calendar, events = read_with_vobject(calendar_files[url].content)
        assert len(events) == 1, url
        assert events[0].dtstart.value.date().isoformat() == day, url


def test_an_event_calendar_has_its_dates_to_come_only(client, index):
    start = local_datetime(timezone.localdate() - datetime.timedelta(weeks=40), 9)
    event = EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_count=60,
    )
    events = vevents(parse(client.get(f"{event.url}calendar.ics")))
    assert 20 <= len(events) < 60
    earliest = min(e.decoded("dtstart") for e in events)
    assert earliest >= timezone.now() - datetime.timedelta(days=ics.PAST_DAYS)


@pytest.mark.parametrize(
    "query", ["", "?start=2000-01-01&end=2045-12-31", "?when=past"]
)
def test_a_feed_reaches_a_month_back_and_a_year_ahead_at_most(client, index, query):
    today = timezone.localdate()
    for days, slug in ((-100, "long-ago"), (-10, "lately"), (30, "soon"), (400, "far")):
        EventPageFactory(
            parent=index,
            slug=slug,
            title=slug,
            start=local_datetime(today + datetime.timedelta(days=days), 10),
            end=local_datetime(today + datetime.timedelta(days=days), 11),
        )
    titles = {
        str(e["summary"])
        for e in vevents(parse(client.get(f"/ekdiloseis/feed.ics{query}")))
    }
    assert "long-ago" not in titles and "far" not in titles
    assert titles <= {"lately", "soon"} and titles


def test_the_time_zone_is_yearly_rules_whose_onsets_match_tzdata(client, index):
    """Summer time starts at 03:00 local time on the last Sunday of March and
    ends at 04:00 on the last Sunday of October, as tzdata says, for every
    year; read by dateutil through vobject, not by the writer."""
    EventPageFactory(parent=index)
    body = client.get("/ekdiloseis/feed.ics").content
    calendar, _events = read_with_vobject(body)
    zone = calendar.vtimezone
    parts = zone.contents["daylight"] + zone.contents["standard"]
    assert [part.rrule.value.startswith("FREQ=YEARLY") for part in parts] == [
        True,
        True,
    ]
    assert "rdate" not in zone.contents["daylight"][0].contents
    written = zone.gettzinfo()
    for year in range(2026, 2031):
        moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
        changes = []
        while moment.year == year:
            expected = moment.astimezone(ATHENS).utcoffset()
            assert moment.astimezone(written).utcoffset() == expected, moment
            before = (moment - datetime.timedelta(hours=1)).astimezone(ATHENS)
            if before.utcoffset() != expected:
                changes.append(moment.astimezone(ATHENS).replace(tzinfo=None))
            moment += datetime.timedelta(hours=1)
        # The wall clock after each change: 04:00 in spring, 03:00 in autumn.
        assert [change.hour for change in changes] == [4, 3], year
        assert [change.weekday() for change in changes] == [6, 6]


def test_feed_carries_revisions_and_a_refresh_hint(client, index):
    EventPageFactory(parent=index)
    body = client.get("/ekdiloseis/feed.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = vevents(calendar)
    assert int(event["sequence"]) == 0
    assert event.decoded("last-modified") <= timezone.now()
    assert "REFRESH-INTERVAL" in calendar


def test_a_distribution_day_is_in_the_feed_with_who_may_come_and_what_to_bring(
    client, index
):
    """Issue 24: distribution days are events of their own kind; a family
    that adds the feed finds each day with its place and what to bring."""
    grocery = LocationFactory(
        slug="ics-grocery", name="Αποθήκη Παντοπωλείου", city="Καλαμάτα"
    )
    start = local_datetime(timezone.localdate() + datetime.timedelta(days=5), 10)
    EventPageFactory(
        parent=index,
        kind=EventPage.Kind.DISTRIBUTION,
        title="Μηνιαία διανομή",
        location=grocery,
        start=start,
        end=start + datetime.timedelta(hours=3),
        repeat="monthly",
        repeat_count=2,
        who_can_come="Οικογένειες εγγεγραμμένες στο Παντοπωλείο.",
        what_to_bring="Την κάρτα του Παντοπωλείου\n\nΤσάντες",
    )
    body = client.get("/ekdiloseis/feed.ics").content
    events = vevents(icalendar.Calendar.from_ical(body))
    assert [str(e["summary"]) for e in events] == ["Μηνιαία διανομή"] * 2
    assert events[0].decoded("dtstart") == start
    assert str(events[0]["location"]).startswith("Αποθήκη Παντοπωλείου")
    assert str(events[0]["description"]).endswith(
        "Οικογένειες εγγεγραμμένες στο Παντοπωλείο.\n\n"
        "Τι να φέρετε:\n- Την κάρτα του Παντοπωλείου\n- Τσάντες"
    )
    _calendar, read_back = read_with_vobject(body)
    assert "Τσάντες" in read_back[0].description.value
    assert_well_folded(body)
