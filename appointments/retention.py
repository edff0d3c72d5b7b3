"""The periods for which appointment requests keep the person's details
(core.retention; applied by the daily ``purge_personal_data``)."""

from django.utils.translation import gettext_lazy as _

from appointments import submission
from core import retention


def register():
    retention.register(
        retention.Rule(
            name="appointments.closed",
            label=_("Appointment requests, after they are closed"),
            days=submission.retention_days,
            purge=lambda now, dry_run: submission.purge_personal_data(
                now=now, dry_run=dry_run
            ),
        )
    )
    retention.register(
        retention.Rule(
            name="appointments.open",
            label=_("Appointment requests never closed, after the last change"),
            days=submission.open_retention_days,
            purge=lambda now, dry_run: submission.purge_abandoned_requests(
                now=now, dry_run=dry_run
            ),
        )
    )
