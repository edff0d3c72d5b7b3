"""How long searches without results are kept (core.retention; applied by
the daily ``purge_personal_data``)."""

from django.utils.translation import gettext_lazy as _

from core import retention
from search import sitesearch


def register():
    retention.register(
        retention.Rule(
            name="search.unanswered",
            label=_(
                "Searches without results made by few people (no e-mail "
                "addresses or phone numbers are recorded)"
            ),
            days=sitesearch.unanswered_retention_days,
            purge=lambda now, dry_run: sitesearch.purge_unanswered(
                now=now, dry_run=dry_run
            ),
        )
    )
