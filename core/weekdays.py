"""The days of the week, one way for every app.

Numbered as Python's ``date.weekday()`` numbers them (0 is Monday, as in ISO
8601 less one), so that a stored day compares with a date without a table;
``code`` gives the two letters RFC 5545 (iCalendar) and HSDS schedules use.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

RFC5545_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")

    @property
    def code(self):
        """The RFC 5545 BYDAY code: "MO" for Monday."""
        return RFC5545_CODES[self.value]


# Monday to Friday: the days the centre's offices work (holidays aside).
WORKING_DAYS = tuple(Weekday)[:5]
