"""How long the records of staff sign-ins and of the rate limits are kept
(core.retention; applied by the daily ``purge_personal_data``)."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from core import retention
from core.abuse import COUNTER_HORIZON
from core.models import RateCounter

DEFAULT_SIGN_IN_DAYS = 90


def sign_in_days():
    return int(getattr(settings, "KENTRO_SIGN_IN_RECORD_DAYS", DEFAULT_SIGN_IN_DAYS))


def _delete(queryset, dry_run):
    return queryset.count() if dry_run else queryset.delete()[0]


def purge_sign_ins(now, dry_run=False):
    """Staff sign-ins and failed attempts (username, address, browser)."""
    cutoff = now - datetime.timedelta(days=sign_in_days())
    return sum(
        _delete(queryset, dry_run)
        for queryset in (
            AccessLog.objects.filter(attempt_time__lt=cutoff),
            AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
            AccessAttempt.objects.filter(attempt_time__lt=cutoff),
            Session.objects.filter(expire_date__lt=now),
        )
    )


def purge_counters(now, dry_run=False):
    return _delete(
        RateCounter.objects.filter(window_start__lt=now - COUNTER_HORIZON), dry_run
    )


def register():
    retention.register(
        retention.Rule(
            name="staff.sign_ins",
            label=_("Records of staff sign-ins and failed attempts"),
            days=sign_in_days,
            purge=purge_sign_ins,
        )
    )
    retention.register(
        retention.Rule(
            name="core.rate_counters",
            label=_("Counts of forms sent, kept while the cache is down (hashed)"),
            days=lambda: COUNTER_HORIZON.days,
            purge=purge_counters,
        )
    )
