"""The weekly check of the outside links the public pages show (issue #25):
gov.gr application pages, partners' websites, documents' sources.

``check(uses)`` asks every address once, politely (a User-Agent that says
who asks, a short timeout, ``WORKERS`` requests at a time and at most one
request every ``HOST_INTERVAL`` seconds to any one host), and records what
it found in ``ExternalLink``. Which records show which address is not known
here (core is the lowest layer): the caller passes ``LinkUse`` rows
(portal.links collects them from the directory, the events and the pages).

A link is broken when the request fails or its last answer, after the
redirects, is 4xx or 5xx. HEAD is asked first and GET when HEAD fails, as
many servers refuse or mishandle HEAD (the W3C link checker does the same).
"""

import http.client
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import zip_longest
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from core.models import ExternalLink

USER_AGENT = (
    "KentroLinkCheck/1.0 (weekly check of the links on a community centre's "
    "site; one request per address)"
)
TIMEOUT = 10  # seconds for one request
WORKERS = 4  # requests at a time
HOST_INTERVAL = 1.0  # seconds between two requests to the same host


@dataclass(frozen=True)
class LinkUse:
    """One record showing one outside address: ``record`` names it (title
    and language), ``field`` the field's label, ``edit_url`` where to fix it."""

    url: str
    record: str
    field: str
    edit_url: str = ""


@dataclass(frozen=True)
class Answer:
    """The final HTTP status (after redirects), or an error without one."""

    status_code: int | None = None
    error: str = ""

    @property
    def is_broken(self):
        return bool(self.error) or (self.status_code or 0) >= 400


def request(url, method):
    """One request, redirects followed; never raises for a network fault."""
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    req = urllib.request.Request(  # noqa: S310 (http/https only, see fetch)
        iri_to_uri(url), method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:  # noqa: S310
            return Answer(status_code=response.status)
    except urllib.error.HTTPError as error:
        return Answer(status_code=error.code)
    except urllib.error.URLError as error:
        return Answer(error=str(error.reason)[:300])
    except (OSError, ValueError, http.client.HTTPException) as error:
        return Answer(error=(str(error) or type(error).__name__)[:300])


def fetch(url):
    """The answer for one address: HEAD, then GET when HEAD fails."""
    if urlsplit(url).scheme not in ("http", "https"):
        return Answer(error="not a web address")
    answer = request(url, "HEAD")
    if answer.is_broken:
        answer = request(url, "GET")
    return answer


class HostPacer:
    """Spaces the requests to each host ``interval`` seconds apart, across
    the worker threads: each caller reserves the next free moment."""

    def __init__(self, interval, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.lock = threading.Lock()
        self.next_free = {}

    def wait(self, host):
        with self.lock:
            now = self.clock()
            at = max(now, self.next_free.get(host, now))
            self.next_free[host] = at + self.interval
        if at > now:
            self.sleep(at - now)


def ask_all(urls):
    """{url: Answer} for every address, ``WORKERS`` at a time, each host paced."""
    pacer = HostPacer(HOST_INTERVAL)

    def ask(url):
        pacer.wait(urlsplit(url).hostname or "")
        return url, fetch(url)

    # Round-robin over the hosts, so that the workers do not all wait on one.
    by_host = defaultdict(list)
    for url in sorted(set(urls)):
        by_host[urlsplit(url).hostname or ""].append(url)
    interleaved = [
        url for row in zip_longest(*by_host.values()) for url in row if url is not None
    ]
    with ThreadPoolExecutor(max_workers=WORKERS) as executor:
        return dict(executor.map(ask, interleaved))


@dataclass(frozen=True)
class Summary:
    checked: int
    broken: int
    removed: int


def check(uses, now=None):
    """Ask every address the ``uses`` show and record the answers; forget the
    addresses no record shows any more. Returns a ``Summary``."""
    now = now or timezone.now()
    grouped = defaultdict(list)
    for use in uses:
        entry = {"record": use.record, "field": use.field, "edit_url": use.edit_url}
        if entry not in grouped[use.url]:
            grouped[use.url].append(entry)
    answers = ask_all(grouped)
    with transaction.atomic():
        removed, _ = ExternalLink.objects.exclude(url__in=list(grouped)).delete()
        known = {link.url: link for link in ExternalLink.objects.all()}
        broken = 0
        for url, entries in grouped.items():
            answer = answers[url]
            link = known.get(url) or ExternalLink(url=url)
            if answer.is_broken:
                broken += 1
                if not link.is_broken or link.first_broken_at is None:
                    link.first_broken_at = now
            else:
                link.first_broken_at = None
            link.status_code = answer.status_code
            link.error = answer.error
            link.last_checked_at = now
            link.uses = entries
            link.save()
    return Summary(checked=len(grouped), broken=broken, removed=removed)
