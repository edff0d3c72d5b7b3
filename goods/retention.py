"""How long donation pledges keep the donor's details (core.retention;
applied by the daily ``purge_personal_data``)."""

from django.utils.translation import gettext_lazy as _

from core import retention
from goods import pledges


def register():
    retention.register(
        retention.Rule(
            name="goods.pledges",
            label=_("Donation pledges, after the day of the drop-off"),
            days=pledges.retention_days,
            purge=lambda now, dry_run: pledges.purge_personal_data(
                now=now, dry_run=dry_run
            ),
        )
    )
