"""How long reports of wrong information keep the reporter's address
(core.retention; applied by the daily ``purge_personal_data``)."""

from django.utils.translation import gettext_lazy as _

from core import retention
from directory import corrections


def register():
    retention.register(
        retention.Rule(
            name="directory.corrections",
            label=_("E-mail addresses left with reports of wrong information"),
            days=corrections.retention_days,
            purge=lambda now, dry_run: corrections.purge_personal_data(
                now=now, dry_run=dry_run
            ),
        )
    )
