"""The site's chrome (header, menu, language switcher, alerts, footer) is the
same for every visitor of a page, so its rendered HTML is cached per language
and page. Any change that could alter it bumps a version kept in the shared
cache, which makes every cached fragment stale at once on every process.
What is cached under it includes the pages under a view restriction
(``core.privacy``), so adding or removing one bumps it too."""

import bisect
import datetime
import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.models.alerts import AlertBanner
from core.models.settings import CentreSettings

VERSION_KEY = "kentro:chrome-version"
# Alert banners appear and disappear on a schedule: a fragment lives at most
# this long, so a banner shows up within five minutes of its start time.
FRAGMENT_SECONDS = 300


def version():
    # A new version starts from the clock, not from 1: processes keep what
    # they read under a version in memory, and a cache that was emptied must
    # not hand out a version they have seen before.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def centre_settings():
    """The centre's details, shared by every page; read once per version."""
    key = f"kentro:centre:{version()}"
    centre = cache.get(key)
    if centre is None:
        centre = CentreSettings.load()
        cache.set(key, centre, timeout=FRAGMENT_SECONDS)
    return centre


def alert_changes():
    """The moments, in order (POSIX seconds), at which an enabled alert
    banner starts or ends: the chrome is different on each side of them.
    Read once per version."""
    key = f"kentro:alert-changes:{version()}"
    changes = cache.get(key)
    if changes is None:
        moments = set()
        for starts_at, ends_at in AlertBanner.objects.filter(
            is_enabled=True
        ).values_list("starts_at", "ends_at"):
            moments.add(starts_at.timestamp())
            if ends_at is not None:
                moments.add(ends_at.timestamp())
        changes = sorted(moments)
        # Not forever: each version leaves its own key behind.
        cache.set(key, changes, timeout=FRAGMENT_SECONDS)
    return changes


def alert_epoch(now=None):
    """How many alert windows have opened or closed by ``now``: part of the
    chrome's cache key, so that a banner appears and goes at its minute."""
    now = now or timezone.now()
    return bisect.bisect_right(alert_changes(), now.timestamp())


def next_alert_change(now):
    """The next moment an alert banner appears or goes (an aware
    datetime), or None: no page showing the chrome is cached past it."""
    changes = alert_changes()
    index = bisect.bisect_right(changes, now.timestamp())
    if index == len(changes):
        return None
    return datetime.datetime.fromtimestamp(changes[index], tz=datetime.UTC)


def key_for(page):
    """What a cached piece of the chrome depends on: the version, the alert
    windows passed, and the page (its breadcrumbs and translations). Views
    without a page (search, a 404) share one chrome per language: its
    language links lead to the home pages, whatever the address."""
    where = f"page-{page.pk}" if page is not None else "no-page"
    return f"{version()}:{alert_epoch()}:{where}"


def bump_for_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump()


def bump_for_new_alias(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page) and instance.alias_of_id:
        bump()


def bump(*args, **kwargs):
    """Signal receiver: the tree, the centre's details, an alert or a page's
    view restriction changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"kentro-chrome-{signal}")
    # Deleting a live page sends no page_unpublished.
    post_delete.connect(bump_for_deleted_page, dispatch_uid="kentro-chrome-page-gone")
    # An alias of a restricted page is restricted too (core.privacy), and
    # Wagtail sends no page_published when it creates one.
    post_save.connect(bump_for_new_alias, dispatch_uid="kentro-chrome-page-alias")
    # An image's alt text and focal point, and a document's title and file
    # name, show on every page that uses them; sites and locales decide which
    # page an address leads to (core.routing).
    models = (AlertBanner, CentreSettings, PageViewRestriction, Site, Locale)
    for model in (*models, get_image_model(), get_document_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                bump, sender=model, dispatch_uid=f"kentro-chrome-{signal}-{model}"
            )
