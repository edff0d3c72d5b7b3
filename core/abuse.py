"""Abuse protection shared by every public form, without third-party CAPTCHAs.

* a honeypot field that people never see and robots fill in;
* a signed "started" value that tells how long the visitor took to fill the
  form: robots send it back at once, or tamper with it, or keep one and send
  it again and again; it expires after ``KENTRO_FORM_MAX_AGE_SECONDS``;
* rate limits per visitor address (``core.client``, which knows the trusted
  proxies) and per anything else worth counting (an appointment reference),
  kept in the shared cache so that every process of the site counts the same
  attempts.

While the shared cache (Redis) cannot be reached, the limits count in the
database instead (``core.models.RateCounter``): slower, but shared by every
process as the cache is, so a limit still holds with several gunicorn workers
on several machines; a per-process memory would let each process allow the
whole limit. Forms are rare enough next to pages that the extra writes cost
nothing worth saving. Counters are keyed by a keyed hash, so no address is
stored anywhere.

Forms use :class:`AbuseProtectedFormMixin`; views call :func:`is_rate_limited`
and :func:`is_limited`.
"""

import datetime
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core import cache as shared_cache
from core.client import client_address
from core.models import RateCounter

STARTED_SALT = "kentro.forms.started"
HONEYPOT_FIELD = "homepage"
STARTED_FIELD = "started"
# How many forms one address may send in the window, unless a view says otherwise.
DEFAULT_RATE_LIMIT = 10
DEFAULT_RATE_WINDOW = 3600
# A form shown longer ago than this is sent back with a fresh clock.
DEFAULT_FORM_MAX_AGE = 2 * 3600
# Database counters older than this are deleted (the longest window in use).
COUNTER_HORIZON = datetime.timedelta(days=1)

__all__ = [
    "AbuseProtectedFormMixin",
    "client_address",
    "is_limited",
    "is_rate_limited",
    "seconds_since_started",
    "started_token",
]


def started_token(at=None):
    """The hidden value that tells how long the visitor took to fill the form."""
    return signing.dumps(time.time() if at is None else at, salt=STARTED_SALT)


def form_max_age():
    return getattr(settings, "KENTRO_FORM_MAX_AGE_SECONDS", DEFAULT_FORM_MAX_AGE)


def seconds_since_started(token):
    """Seconds since the form was shown, or None when the value was altered
    or is older than the form's lifetime."""
    try:
        started = float(signing.loads(token, salt=STARTED_SALT, max_age=form_max_age()))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    elapsed = time.time() - started
    return elapsed if elapsed <= form_max_age() else None


def counter_key(subject, action):
    """A keyed hash of what is counted: neither cache nor database holds the
    address or reference itself."""
    return salted_hmac(
        "kentro.abuse.counter", f"{action}\n{subject}", algorithm="sha256"
    ).hexdigest()


def _count_in_cache(key, window):
    cache_key = f"kentro:rate:{key}"
    cache.add(cache_key, 0, window)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        return 1


def _count_in_database(key, window, now=None):
    now = now or timezone.now()
    seconds = int(now.timestamp()) // window * window
    start = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    same = RateCounter.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if not same.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # another process created it first
                same.update(count=F("count") + 1)
            else:
                RateCounter.objects.filter(
                    window_start__lt=now - COUNTER_HORIZON
                ).delete()
        return same.values_list("count", flat=True).first() or 1


def count_attempt(subject, action, window):
    """Count one attempt at ``action`` by ``subject``; how many in the window."""
    key = counter_key(subject, action)
    count = _count_in_cache(key, window)
    if shared_cache.is_unreachable():
        return _count_in_database(key, window)
    return count


def is_limited(subject, action, *, limit, window):
    """Count this attempt; True once ``subject`` did ``action`` more than
    ``limit`` times in ``window`` seconds."""
    return count_attempt(subject, action, window) > limit


def is_rate_limited(request, action, *, limit=None, window=None):
    """Count this attempt; True once an address sent too many in the window."""
    if limit is None:
        limit = getattr(settings, "KENTRO_FORM_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if window is None:
        window = getattr(settings, "KENTRO_FORM_RATE_WINDOW", DEFAULT_RATE_WINDOW)
    address = client_address(request) or "unknown"
    return is_limited(address, action, limit=limit, window=window)


def minimum_fill_seconds():
    return getattr(settings, "KENTRO_FORM_MIN_FILL_SECONDS", 3)


class AbuseProtectedFormMixin(forms.Form):
    """A honeypot and a minimum fill time for a public form.

    ``is_spam`` is True after validation when the honeypot was filled in: the
    view then pretends success and stores nothing. A form sent too quickly,
    long after it was shown, or with an altered "started" value, is shown
    again with an error and a fresh clock, so that a person only has to send
    it once more.
    """

    # People never see or fill this field; robots do.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    protection_fields = (HONEYPOT_FIELD, STARTED_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        if not self.is_bound:
            self.initial.setdefault(STARTED_FIELD, started_token())

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT_FIELD):
            self.is_spam = True
        elapsed = seconds_since_started(self.data.get(STARTED_FIELD) or "")
        if elapsed is None or elapsed < minimum_fill_seconds():
            # Start the clock again, so that sending the form back works.
            self.data = self.data.copy()
            self.data[STARTED_FIELD] = started_token()
            raise forms.ValidationError(
                _(
                    "The form was sent too quickly or has expired. Please check "
                    "your answers and send it again."
                ),
                code="too_fast",
            )
        return cleaned
