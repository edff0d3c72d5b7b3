"""Abuse protection shared by every public form, without third-party CAPTCHAs.

* a honeypot field that people never see and robots fill in;
* a signed "started" value that tells how long the visitor took to fill the
  form: robots send it back at once, or tamper with it;
* a per-address rate limit kept in the shared cache, so that every process of
  the site counts the same attempts.

Forms use :class:`AbuseProtectedFormMixin`; views call :func:`is_rate_limited`.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

STARTED_SALT = "kentro.forms.started"
HONEYPOT_FIELD = "homepage"
STARTED_FIELD = "started"
# How many forms one address may send in the window, unless a view says otherwise.
DEFAULT_RATE_LIMIT = 10
DEFAULT_RATE_WINDOW = 3600


def started_token(at=None):
    """The hidden value that tells how long the visitor took to fill the form."""
    return signing.dumps(time.time() if at is None else at, salt=STARTED_SALT)


def seconds_since_started(token):
    """Seconds since the form was shown, or None when the value was altered."""
    try:
        started = float(signing.loads(token, salt=STARTED_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


def client_address(request):
    return request.META.get("REMOTE_ADDR") or "unknown"


def is_rate_limited(request, action, *, limit=None, window=None):
    """Count this attempt; True once an address sent too many in the window."""
    if limit is None:
        limit = getattr(settings, "KENTRO_FORM_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if window is None:
        window = getattr(settings, "KENTRO_FORM_RATE_WINDOW", DEFAULT_RATE_WINDOW)
    key = f"kentro:rate:{action}:{client_address(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def minimum_fill_seconds():
    return getattr(settings, "KENTRO_FORM_MIN_FILL_SECONDS", 3)


class AbuseProtectedFormMixin(forms.Form):
    """A honeypot and a minimum fill time for a public form.

    ``is_spam`` is True after validation when the honeypot was filled in: the
    view then pretends success and stores nothing. A form sent too quickly,
    or with an altered "started" value, is shown again with an error and a
    fresh clock, so that a person only has to send it once more.
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
