"""The share of services checked, recorded month by month (issue #25,
part 6): ``last_reviewed`` keeps only a record's latest check, so a past
month's figure cannot be rebuilt from it later; the daily
``send_review_requests`` writes the day's figure here instead, and a
month's row keeps the last day recorded in it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckedShare(models.Model):
    month = models.DateField(_("month"), unique=True)  # its first day
    checked = models.PositiveIntegerField(_("services checked in six months"))
    total = models.PositiveIntegerField(_("services under review"))
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        ordering = ["month"]
        verbose_name = _("share of services checked")
        verbose_name_plural = _("shares of services checked")

    def __str__(self):
        return f"{self.month:%m/%Y}: {self.checked}/{self.total}"

    @property
    def share(self):
        """A float from 0 to 1, or None when no service was under review."""
        return self.checked / self.total if self.total else None
