"""Working days, for "overdue": a request still new after two full working
days. What a working day is (Monday to Friday, not a national or extra
public holiday, not a day the whole centre is closed) is directory.calendar's
answer, the same one the directory and the Mobile Unit give."""

import datetime

from django.utils import timezone

from directory.calendar import Calendar

OVERDUE_AFTER_WORKING_DAYS = 2
LOOK_BACK_DAYS = 31  # more than any run of holidays and weekends


def working_day_before(day, calendar):
    day -= datetime.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def overdue_cutoff(now=None, working_days=OVERDUE_AFTER_WORKING_DAYS):
    """Requests received before this moment have waited at least two full
    working days after the day they arrived.

    Received on Monday, a request is overdue from Thursday morning (Tuesday
    and Wednesday have passed); received on Friday or at the weekend, from
    Wednesday morning. The cutoff is the start (Athens time) of the second
    working day before today. One query (the closures of the month before).
    """
    day = timezone.localdate(now)
    calendar = Calendar.between(day - datetime.timedelta(days=LOOK_BACK_DAYS), day)
    for _ in range(working_days):
        day = working_day_before(day, calendar)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
