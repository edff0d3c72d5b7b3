"""The next distribution days (events of that kind, issue 24) shown on the
needs page."""

from django.core.cache import cache
from django.utils import timezone

from core import chrome
from events.models import EventOccurrence

SHOWN = 3


def next_distributions(locale_id, now=None):
    """The next SHOWN distribution days that take place, in a language: a
    list of EventOccurrence with their events and places.

    Kept with the chrome's version, which publishing a page changes, for at
    most chrome.FRAGMENT_SECONDS, so that the needs page stays within its
    query budget (design.md section 6).
    """
    key = f"kentro:goods:distributions:{chrome.version()}:{locale_id}"
    found = cache.get(key) if now is None else None
    if found is None:
        found = list(
            EventOccurrence.objects.live()
            .in_locale(locale_id)
            .distributions()
            .held()
            .with_event()
            .upcoming(now or timezone.now())[:SHOWN]
        )
        if now is None:
            cache.set(key, found, timeout=chrome.FRAGMENT_SECONDS)
    return found
