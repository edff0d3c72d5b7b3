"""Working days in Greece, for "overdue": a request still new after two full
working days (Monday to Friday, without Greek public holidays)."""

import datetime
from functools import cache

from dateutil.easter import EASTER_ORTHODOX, easter
from django.utils import timezone

OVERDUE_AFTER_WORKING_DAYS = 2

# (month, day) of the national public holidays on fixed dates.
FIXED_HOLIDAYS = (
    (1, 1),  # New Year's Day
    (1, 6),  # Epiphany
    (3, 25),  # Independence Day
    (5, 1),  # Labour Day
    (8, 15),  # Dormition of the Mother of God
    (10, 28),  # Ochi Day
    (12, 25),  # Christmas Day
    (12, 26),  # Synaxis of the Mother of God
)
# Days from Orthodox Easter Sunday of the movable ones.
EASTER_OFFSETS = (
    -48,  # Clean Monday
    -2,  # Good Friday
    1,  # Easter Monday
    50,  # Whit Monday (Holy Spirit)
)


@cache
def greek_public_holidays(year):
    """The national public holidays of a year (local ones, such as a town's
    patron saint, are not included)."""
    sunday = easter(year, EASTER_ORTHODOX)
    days = {datetime.date(year, month, day) for month, day in FIXED_HOLIDAYS}
    days |= {sunday + datetime.timedelta(days=offset) for offset in EASTER_OFFSETS}
    return frozenset(days)


def is_working_day(day):
    return day.weekday() < 5 and day not in greek_public_holidays(day.year)


def working_day_before(day):
    day -= datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def overdue_cutoff(now=None, working_days=OVERDUE_AFTER_WORKING_DAYS):
    """Requests received before this moment have waited at least two full
    working days after the day they arrived.

    Received on Monday, a request is overdue from Thursday morning (Tuesday
    and Wednesday have passed); received on Friday or at the weekend, from
    Wednesday morning. The cutoff is the start (Athens time) of the second
    working day before today.
    """
    day = timezone.localdate(now)
    for _ in range(working_days):
        day = working_day_before(day)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
