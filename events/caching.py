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


def fragment_key(page, request, timed=False):
    """What a page's cached fragment depends on: the versions, the page, the
    language, the address asked for (host and query string) and, when
    ``timed``, the minute."""
    parts = [
        version(),
        page.pk,
        get_language(),
        request.get_host(),
        request.GET.urlencode(),
    ]
    if timed:
        parts.append(minute())
    return ":".join(str(part) for part in parts)
