import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from events.factories import EventPageFactory, local_datetime
from events.models import EventDateException, EventOccurrence, EventPage
from tests.events.conftest import el

pytestmark = pytest.mark.django_db


def next_weekday(weekday, after=None):
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def weekly(index, **kwargs):
    first = next_weekday(1)
    kwargs.setdefault("start", local_datetime(first, 10))
    kwargs.setdefault("end", local_datetime(first, 12))
    return EventPageFactory(parent=index, repeat="weekly", weekdays="1", **kwargs)


def test_publishing_expands_a_weekly_event_into_occurrences(index):
    event = weekly(index, repeat_count=4)
    starts = list(event.occurrences.values_list("start", flat=True))
    assert len(starts) == 4
    assert {timezone.localtime(start).hour for start in starts} == {10}
    assert event.rule == "FREQ=WEEKLY;BYDAY=TU;COUNT=4"


def test_an_open_ended_rule_is_expanded_up_to_the_horizon(index):
    event = weekly(index)
    last = event.occurrences.order_by("start").last().start
    assert timezone.now() + datetime.timedelta(days=500) < last
    assert last < timezone.now() + datetime.timedelta(days=560)


def test_unpublishing_removes_the_occurrences(index):
    event = weekly(index, repeat_count=3)
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()


def test_editing_and_republishing_rebuilds_the_occurrences(index):
    event = weekly(index, repeat_count=3)
    event.repeat_count = 5
    event.save_revision().publish()
    assert event.occurrences.count() == 5


def test_a_draft_edit_does_not_change_the_occurrences(index):
    event = weekly(index, repeat_count=3)
    event.repeat_count = 5
    event.save_revision()
    assert event.occurrences.count() == 3


def test_a_cancelled_date_stays_cancelled_when_the_event_is_rebuilt(index):
    event = weekly(index, repeat_count=3)
    second = next_weekday(1, next_weekday(1))
    EventDateException.objects.create(
        event=event, date=second, kind=EventDateException.Kind.CANCELLED
    )
    event = EventPage.objects.get(pk=event.pk)
    event.save_revision().publish()
    statuses = list(
        event.occurrences.order_by("start").values_list("status", flat=True)
    )
    assert statuses == ["scheduled", "cancelled", "scheduled"]


def test_an_excluded_date_is_left_out(index):
    second = next_weekday(1, next_weekday(1))
    event = weekly(
        index,
        repeat_count=3,
        exceptions=[(second, EventDateException.Kind.EXCLUDED)],
    )
    event.save_revision().publish()
    days = [timezone.localtime(o.start).date() for o in event.occurrences.all()]
    assert second not in days and len(days) == 2


def test_a_cancelled_event_has_every_occurrence_cancelled(index):
    event = weekly(index, repeat_count=2, status=EventPage.Status.CANCELLED)
    assert all(o.is_cancelled for o in event.occurrences.all())


def test_an_all_day_event_runs_from_midnight_to_midnight(index):
    day = timezone.localdate() + datetime.timedelta(days=5)
    event = EventPageFactory(
        parent=index,
        all_day=True,
        start=local_datetime(day, 9),
        end=local_datetime(day + datetime.timedelta(days=1), 17),
    )
    occurrence = event.occurrences.get()
    assert occurrence.local_start == local_datetime(day, 0)
    assert occurrence.local_end == local_datetime(day + datetime.timedelta(days=2), 0)


def test_an_end_before_the_start_is_refused_with_a_clear_message(index):
    event = EventPageFactory.build(
        start=local_datetime(timezone.localdate(), 12),
        end=local_datetime(timezone.localdate(), 10),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert el("The event cannot end before it starts.") in str(
        error.value.message_dict["end"]
    )


def test_a_rule_that_produces_no_date_is_refused(index):
    wednesday = next_weekday(2)
    event = EventPageFactory.build(
        start=local_datetime(wednesday, 10),
        end=local_datetime(wednesday, 11),
        repeat="weekly",
        weekdays="1",  # Tuesdays, but it must stop on the first Wednesday
        repeat_until=wednesday,
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert el(
        "These settings produce no date at all: check the days, "
        "the end date and the exceptions."
    ) in str(error.value.message_dict["repeat"])


def test_extend_occurrences_expands_recurring_events_again(index):
    event = weekly(index)
    event.occurrences.filter(
        start__gt=timezone.now() + datetime.timedelta(days=60)
    ).delete()
    before = event.occurrences.count()
    call_command("extend_occurrences", stdout=io.StringIO())
    assert event.occurrences.count() > before


def test_json_ld_describes_the_event_for_search_engines(index, rf):
    event = EventPageFactory(
        parent=index, status=EventPage.Status.POSTPONED, organiser_name="Δήμος"
    )
    text = event.json_ld()
    assert '"eventStatus": "https://schema.org/EventPostponed"' in text
    assert '"organizer": {"@type": "Organization", "name": "Δήμος"}' in text
    assert "<" not in text
