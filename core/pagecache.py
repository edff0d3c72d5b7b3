"""The anonymous full-page cache (#21): a public page is rendered once for
everyone who asks for it in the same language, with the same filters, and is
handed out from the shared cache until something it shows changes.

Never stale, by two rules:

* **Content.** A cached page is stored under the versions the portal's other
  caches already keep (``core.chrome``'s, which publishing, unpublishing,
  moving or deleting a page, a setting, an alert, a place, a closure or a term
  bump; the events', the search index's and the eligibility rules'; each app
  registers its own with ``register_version``). Any bump retires every cached
  page at once, on every process.
* **Time.** A page is kept at most until the next local midnight (dates,
  "today", what is upcoming), the next moment an alert banner starts or ends,
  and whatever the code that drew it said with ``expires_by``: a place's
  "open now" until it opens or closes, an events list until the next minute.

Only what is the same for every visitor is stored: a GET without the session
cookie (staff and page-password holders have one), answered 200 with HTML,
without setting a cookie, without a CSRF token and without a
``Cache-Control`` that forbids it (``never_cache``). Without the session
cookie the visitor is anonymous to every view, whatever reads
``request.user``. Query strings are part of the key; tracking
parameters (``utm_*``, ``fbclid``…) are dropped from it, and a page with
filters names the parameters it reads (``accept_query``); any other query is
rendered but never stored, so junk cannot fill the cache.

The cache holds at most ``KENTRO_PAGE_CACHE_SLOTS`` pages: each address is
hashed to a slot, and a slot keeps the last page stored in it, so no series
of requests can make it grow. Bodies are kept gzip-compressed and sent as
they are to browsers that accept gzip.

For a proxy or CDN in front, a stored page carries ``Cache-Control: public``
with ``s-maxage`` no longer than the page's own expiry nor
``KENTRO_PROXY_MAX_AGE``, a weak ``ETag`` and ``Last-Modified`` (answered
with 304), and ``Vary: Accept-Encoding`` only: the language is in the
address and staff are told apart by the session cookie, which the proxy must
bypass on (README, "Production"). Responses to requests with the session
cookie are marked ``private``.
"""

import datetime
import gzip
import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

PREFIX = "kentro:page:"
# Parameters that only say where a visitor came from: the page is the same.
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)$")
# Parameters every page reads (core.navigation: "not translated" note).
EVERYWHERE = frozenset({"untranslated"})
# Pages bigger than this are rendered every time rather than fill a slot.
MAX_BODY_BYTES = 2 * 1024 * 1024
# However quiet the site, a page is rendered again at least this often.
MAX_SECONDS = 3600

_versions = []
_horizons = []


def register_version(key):
    """Make every cached page stale whenever the shared-cache key changes
    (an app's own version stamp)."""
    if key not in _versions:
        _versions.append(key)


def register_horizon(function):
    """``function(now) -> datetime | None``: the next moment something every
    page may show changes (an alert window opening or closing)."""
    if function not in _horizons:
        _horizons.append(function)


def expires_by(request, moment):
    """The page being drawn for ``request`` shows something true only until
    ``moment`` (an aware datetime): it is not kept past it. Safe to call for
    any request, cached or not."""
    if moment is None or request is None:
        return
    current = getattr(request, "_page_cache_until", None)
    if current is None or moment < current:
        request._page_cache_until = moment


def expires_next_minute(request, now=None):
    """For what is worked out to the minute (open now, upcoming)."""
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    expires_by(request, minute + datetime.timedelta(minutes=1))


def accept_query(request, names):
    """The page reads only these query parameters: a request whose query has
    only these (each once, not empty) and tracking ones may be stored."""
    request._page_cache_params = frozenset(names)


def skip(request):
    """Draw this page for every request: e.g. a search without results,
    which is counted each time it is asked (search.sitesearch)."""
    request._page_cache_skip = True


def is_enabled():
    return getattr(settings, "KENTRO_PAGE_CACHE", False)


@dataclass
class Entry:
    address: str
    versions: tuple
    until: float
    stored_at: float
    status: int
    headers: list
    body: bytes  # gzip
    etag: str


def _query_pairs(request):
    return [
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if not TRACKING.match(name)
    ]


def address(request):
    """What a cached page is stored under: scheme, host, path and the query
    without tracking parameters, in a stable order. None when the request
    cannot be served from the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    path = request.path
    if any(path.startswith(prefix) for prefix in settings.KENTRO_PAGE_CACHE_SKIP):
        return None
    # Encoded again, so that no other query can spell the same key.
    query = urlencode(sorted(_query_pairs(request)))
    return f"{request.scheme}://{request.get_host()}{path}?{query}"


def _slot_key(text):
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    slot = int.from_bytes(digest, "big") % settings.KENTRO_PAGE_CACHE_SLOTS
    return f"{PREFIX}{slot}"


def _versions_now():
    found = cache.get_many(_versions)
    for key in _versions:
        if key not in found:
            # Emptied cache: start the stamp as its owner would, from the
            # clock, so that no version seen before comes back.
            found[key] = cache.get_or_set(key, time.time_ns, timeout=None)
    if any(found[key] is None for key in _versions):
        return None  # the cache is down: render, store nothing
    return tuple(found[key] for key in _versions)


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _query_is_canonical(request):
    pairs = _query_pairs(request)
    if not pairs:
        return True
    allowed = getattr(request, "_page_cache_params", frozenset()) | EVERYWHERE
    names = [name for name, _value in pairs]
    return (
        len(names) == len(set(names))
        and set(names) <= allowed
        and all(value.strip() for _name, value in pairs)
    )


def _forbids_storing(response):
    directives = response.get("Cache-Control", "").lower()
    return any(word in directives for word in ("private", "no-store", "no-cache"))


def _local_midnight_after(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def valid_until(request, now):
    """When the page drawn for ``request`` stops being true: the earliest of
    the next midnight, each registered horizon, what the page itself said
    (``expires_by``) and MAX_SECONDS from now."""
    moments = [
        _local_midnight_after(now),
        now + datetime.timedelta(seconds=MAX_SECONDS),
    ]
    for horizon in _horizons:
        moments.append(horizon(now))
    moments.append(getattr(request, "_page_cache_until", None))
    return min(moment for moment in moments if moment is not None)


def _proxy_headers(response, seconds_left):
    response.headers.pop("Vary", None)
    response["Vary"] = "Accept-Encoding"
    response.headers.pop("Cache-Control", None)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=max(0, min(seconds_left, settings.KENTRO_PROXY_MAX_AGE)),
        must_revalidate=True,
    )


def _answer(request, entry, now):
    """The stored page, as sent to this request (gzip or not; 304 when the
    browser or proxy holds it already)."""
    if _accepts_gzip(request):
        body, encoding = entry.body, "gzip"
    else:
        body, encoding = gzip.decompress(entry.body), None
    response = HttpResponse(body, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.stored_at)
    _proxy_headers(response, int(entry.until - now))
    conditional = get_conditional_response(
        request,
        etag=entry.etag,
        last_modified=int(entry.stored_at),
        response=response,
    )
    return conditional


# Headers a stored page keeps; the rest are set for each answer.
_OWN_HEADERS = {"content-length", "content-encoding", "vary", "cache-control"}
_OWN_HEADERS |= {"etag", "last-modified", "set-cookie", "expires"}


def fetch(request):
    """The cached answer for ``request``, or None (then ``store`` may keep
    what is drawn)."""
    text = address(request)
    if text is None:
        return None
    try:
        versions = _versions_now()
        entry = cache.get(_slot_key(text)) if versions is not None else None
    except Exception:  # noqa: BLE001 — a broken entry is a miss, never a 500
        entry = None
    request._page_cache_address = text
    request._page_cache_versions = versions
    now = timezone.now().timestamp()
    if (
        isinstance(entry, Entry)
        and entry.address == text
        and entry.versions == versions
        and entry.until > now
    ):
        return _answer(request, entry, now)
    return None


def store(request, response):
    """Keep ``response`` for the next visitors if it is the same for all of
    them, and give it the headers a proxy may cache it by."""
    text = getattr(request, "_page_cache_address", None)
    versions = getattr(request, "_page_cache_versions", None)
    if (
        text is None
        or versions is None
        or request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or not response.get("Content-Type", "").startswith("text/html")
        or response.has_header("Content-Encoding")
        or _forbids_storing(response)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(request, "is_preview", False)
        or getattr(request, "_page_cache_skip", False)
        or not _query_is_canonical(request)
        or len(response.content) > MAX_BODY_BYTES
    ):
        return response
    now = timezone.now()
    until = valid_until(request, now).timestamp()
    stored_at = now.timestamp()
    if until <= stored_at:
        return response
    body = response.content
    entry = Entry(
        address=text,
        versions=versions,
        until=until,
        stored_at=stored_at,
        status=response.status_code,
        headers=[
            (name, value)
            for name, value in response.items()
            if name.lower() not in _OWN_HEADERS
        ],
        body=gzip.compress(body, compresslevel=6, mtime=0),
        etag=f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
    )
    cache.set(_slot_key(text), entry, timeout=max(1, int(until - stored_at)))
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(stored_at)
    _proxy_headers(response, int(until - stored_at))
    return get_conditional_response(
        request, etag=entry.etag, last_modified=int(stored_at), response=response
    )


class PageCacheMiddleware:
    """Serves anonymous visitors from the page cache and keeps what it can.

    In MIDDLEWARE after GZipMiddleware (a stored body is compressed once, by
    this) and before SessionMiddleware (a page served from the cache reads
    no session, user or database), so the headers every other middleware sets
    (CSP, X-Frame-Options, Content-Language) are kept with the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_enabled():
            return self.get_response(request)
        cached = fetch(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(request, "_page_cache_address", None) is not None:
            return store(request, response)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # Staff and page-password holders: never kept by a proxy.
            patch_cache_control(response, private=True)
        return response
