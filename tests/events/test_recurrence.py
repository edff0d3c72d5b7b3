import datetime

from events.recurrence import build_rule, expand, localise

UTC = datetime.UTC


def at(*args):
    return localise(datetime.datetime(*args))


def test_weekly_rule_with_several_days_and_an_end_date():
    rule = build_rule("weekly", 2, [3, 1], until=datetime.date(2026, 12, 1))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20261201T235959"


def test_second_tuesday_of_the_month():
    rule = build_rule("monthly", 1, [1], week_of_month=2, count=3)
    assert rule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    starts = [s for s, _e in expand(at(2026, 1, 13, 18), at(2026, 1, 13, 20), rule)]
    assert [s.date() for s in starts] == [
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
    ]


def test_last_friday_of_the_month():
    rule = build_rule("monthly", 1, [4], week_of_month=-1, count=2)
    starts = [s for s, _e in expand(at(2026, 1, 30, 9), at(2026, 1, 30, 10), rule)]
    assert [s.day for s in starts] == [30, 27]


def test_no_rule_for_a_one_off_event():
    assert build_rule("") == ""
    only = expand(at(2026, 5, 1, 10), at(2026, 5, 1, 12))
    assert only == [(at(2026, 5, 1, 10), at(2026, 5, 1, 12))]


def test_weekly_event_keeps_its_wall_clock_time_across_the_spring_change():
    # Summer time starts on the last Sunday of March (29 March 2026).
    pairs = expand(at(2026, 3, 22, 10), at(2026, 3, 22, 12), "FREQ=WEEKLY;COUNT=3")
    assert [s.astimezone(UTC).hour for s, _e in pairs] == [8, 7, 7]
    assert all(s.hour == 10 and e.hour == 12 for s, e in pairs)


def test_weekly_event_keeps_its_wall_clock_time_across_the_autumn_change():
    # Winter time returns on the last Sunday of October (25 October 2026).
    pairs = expand(at(2026, 10, 18, 19), at(2026, 10, 18, 21), "FREQ=WEEKLY;COUNT=3")
    assert [s.astimezone(UTC).hour for s, _e in pairs] == [16, 17, 17]
    assert all(s.hour == 19 for s, _e in pairs)


def test_a_time_skipped_in_spring_moves_on_and_keeps_its_length():
    pairs = expand(at(2026, 3, 28, 3, 30), at(2026, 3, 28, 4, 30), "FREQ=DAILY;COUNT=2")
    start, end = pairs[1]
    assert end - start == datetime.timedelta(hours=1)
    assert start.date() == datetime.date(2026, 3, 29)


def test_exception_dates_are_left_out():
    pairs = expand(
        at(2026, 6, 1, 10),
        at(2026, 6, 1, 11),
        "FREQ=DAILY;COUNT=3",
        exdates=[datetime.date(2026, 6, 2)],
    )
    assert [s.day for s, _e in pairs] == [1, 3]


def test_expansion_stops_at_the_horizon():
    pairs = expand(
        at(2026, 6, 1, 10), at(2026, 6, 1, 11), "FREQ=DAILY", horizon=at(2026, 6, 10, 0)
    )
    assert len(pairs) == 9
