"""Open now, on Athens wall-clock time: midnight, clock changes, holidays."""

import datetime
from dataclasses import dataclass

from directory.opening import ATHENS, hours_on, state_at


@dataclass
class Hours:
    weekday: int
    opens: datetime.time
    closes: datetime.time
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass
class Closure:
    starts_on: datetime.date
    ends_on: datetime.date
    reason: str = "Αργία"


def athens(*args):
    return datetime.datetime(*args, tzinfo=ATHENS)


WEEKDAYS_8_TO_15 = [Hours(day, datetime.time(8), datetime.time(15)) for day in range(5)]


def test_open_during_office_hours_and_closed_outside():
    monday = athens(2026, 11, 23, 10, 0)
    state = state_at(monday, WEEKDAYS_8_TO_15)
    assert state.is_open
    assert state.closes_at == athens(2026, 11, 23, 15, 0)
    assert not state_at(athens(2026, 11, 23, 15, 0), WEEKDAYS_8_TO_15).is_open
    assert not state_at(athens(2026, 11, 23, 7, 59), WEEKDAYS_8_TO_15).is_open
    assert not state_at(athens(2026, 11, 28, 10, 0), WEEKDAYS_8_TO_15).is_open


def test_moment_in_utc_is_read_in_athens_time():
    # 06:30 UTC is 08:30 in Athens in winter.
    moment = datetime.datetime(2026, 11, 23, 6, 30, tzinfo=datetime.UTC)
    assert state_at(moment, WEEKDAYS_8_TO_15).is_open


def test_an_opening_past_midnight_runs_into_the_next_day():
    friday_night = [Hours(4, datetime.time(20), datetime.time(2))]
    assert state_at(athens(2026, 11, 27, 23, 30), friday_night).is_open
    saturday_early = state_at(athens(2026, 11, 28, 1, 30), friday_night)
    assert saturday_early.is_open
    assert saturday_early.closes_at == athens(2026, 11, 28, 2, 0)
    assert not state_at(athens(2026, 11, 28, 2, 0), friday_night).is_open
    # Midnight exactly belongs to the opening that started the evening before.
    assert state_at(athens(2026, 11, 28, 0, 0), friday_night).is_open


def test_hours_follow_the_wall_clock_on_the_day_clocks_go_forward():
    # 29 March 2026: 03:00 becomes 04:00 in Athens. A Sunday opening 02:00–06:00.
    sunday = [Hours(6, datetime.time(2), datetime.time(6))]
    assert state_at(athens(2026, 3, 29, 2, 30), sunday).is_open
    assert state_at(athens(2026, 3, 29, 5, 59), sunday).is_open
    assert not state_at(athens(2026, 3, 29, 6, 0), sunday).is_open
    # 01:30 UTC is 04:30 local after the change.
    moment = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.UTC)
    assert state_at(moment, sunday).is_open


def test_hours_follow_the_wall_clock_on_the_day_clocks_go_back():
    # 25 October 2026: 04:00 becomes 03:00 again. Office opens at 08:00 all the same.
    sunday = [Hours(6, datetime.time(8), datetime.time(12))]
    assert not state_at(
        datetime.datetime(2026, 10, 25, 5, 30, tzinfo=datetime.UTC), sunday
    ).is_open
    # 06:00 UTC is 08:00 local (UTC+2 after the change).
    assert state_at(
        datetime.datetime(2026, 10, 25, 6, 0, tzinfo=datetime.UTC), sunday
    ).is_open


def test_a_holiday_closes_the_day_and_says_why():
    christmas = Closure(
        datetime.date(2026, 12, 25), datetime.date(2026, 12, 26), "Χριστούγεννα"
    )
    state = state_at(athens(2026, 12, 25, 10, 0), WEEKDAYS_8_TO_15, [christmas])
    assert not state.is_open
    assert state.closed_for == "Χριστούγεννα"
    assert hours_on(datetime.date(2026, 12, 25), WEEKDAYS_8_TO_15, [christmas]) == []


def test_a_night_opening_before_a_holiday_does_not_run_into_it():
    thursday_night = [Hours(3, datetime.time(20), datetime.time(2))]
    holiday = Closure(datetime.date(2026, 12, 25), datetime.date(2026, 12, 25))
    assert not state_at(athens(2026, 12, 25, 1, 0), thursday_night, [holiday]).is_open


def test_hours_apply_only_within_their_validity_dates():
    summer = [
        Hours(
            0,
            datetime.time(7),
            datetime.time(14),
            valid_from=datetime.date(2026, 6, 1),
            valid_to=datetime.date(2026, 8, 31),
        )
    ]
    assert state_at(athens(2026, 7, 6, 13, 0), summer).is_open
    assert not state_at(athens(2026, 11, 23, 13, 0), summer).is_open
