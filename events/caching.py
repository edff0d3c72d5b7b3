"""What the event list, month view, feed and Mobile Unit schedule read from
the database is the same for every visitor asking with the same filters, so
it is kept in the shared cache.

Keys carry two versions: core.chrome's, which publishing, unpublishing or
moving a page and changing a place or a term of the directory bump, and the
events' own, which storing or removing occurrences bumps (extend_occurrences
and seed_demo --events too). A change therefore shows at once on every process
that shares the cache. What also depends on the time of day (what is still
upcoming) is keyed on the minute as well, so it is never a minute late.
"""

import hashlib
import time

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import get_language

from core import chrome

VERSION_KEY = "kentro:events-version"
TIMEOUT = 300


def version():
    return f"{chrome.version()}.{cache.get_or_set(VERSION_KEY, 1, timeout=None)}"


def retire(*args, **kwargs):
    """Make every cached list, month, feed and schedule stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def minute():
    return int(time.time() // 60)


def remember(name, parts, compute, timeout=TIMEOUT):
    """The cached value for ``name`` and ``parts``, computed when missing."""
    text = "|".join(str(part) for part in parts)
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    key = f"kentro:events:{name}:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def next_change(now=None):
    """The next moment an occurrence starts or ends, after ``now``: what is
    "upcoming" or "happening now" changes then, on every page that lists
    events (core.pagecache keeps no page past it). None when nothing is
    planned. Read once per version and kept until it passes."""
    # Imported here: events.models imports this module.
    from events.models import EventOccurrence

    now = now or timezone.now()
    key = f"kentro:events:next-change:{version()}"
    found = cache.get(key)
    if found is not None and (found == "none" or found > now):
        return None if found == "none" else found
    moments = EventOccurrence.objects.live().aggregate(
        start=Min("start", filter=Q(start__gt=now)),
        end=Min("end", filter=Q(end__gt=now)),
    )
    found = min((moment for moment in moments.values() if moment), default=None)
    cache.set(key, found or "none", TIMEOUT)
    return found


def epoch(now=None):
    """Changes exactly when ``next_change`` passes: part of the keys of
    fragments that list what is upcoming, so that none outlives it."""
    upcoming = next_change(now)
    return int(upcoming.timestamp()) if upcoming else 0


def fragment_key(page, request, state=(), timed=False):
    """What a page's cached fragment depends on: the versions, the page, the
    language, the host, the filters as the page understood them (``state``,
    never the raw query string, so that junk parameters add no entries) and,
    when ``timed``, the minute."""
    parts = [
        version(),
        page.pk,
        get_language(),
        request.get_host(),
        *state,
    ]
    if timed:
        parts.append(minute())
        parts.append(epoch())
    return ":".join(str(part) for part in parts)
