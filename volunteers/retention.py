"""The periods for which volunteers' details are kept (core.retention;
applied by the daily ``purge_personal_data``)."""

from django.utils.translation import gettext_lazy as _

from core import retention
from volunteers import signup


def register():
    retention.register(
        retention.Rule(
            name="volunteers.unconfirmed",
            label=_("Volunteer sign-ups never confirmed by e-mail"),
            days=lambda: signup.UNCONFIRMED_MAX_AGE.days,
            purge=lambda now, dry_run: signup.purge_unconfirmed(
                now=now, dry_run=dry_run
            ),
        )
    )
    retention.register(
        retention.Rule(
            name="volunteers.inactive",
            label=_("Volunteers not active, after the last change to their record"),
            days=signup.inactive_retention_days,
            purge=lambda now, dry_run: signup.purge_inactive(now=now, dry_run=dry_run),
        )
    )
