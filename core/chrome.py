"""The site's chrome (header, menu, language switcher, alerts, footer) is the
same for every visitor of a page, so its rendered HTML is cached per language
and page. Any change that could alter it bumps a version kept in the shared
cache, which makes every cached fragment stale at once on every process.
What is cached under it includes the pages under a view restriction
(``core.privacy``), so adding or removing one bumps it too."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
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
    for model in (AlertBanner, CentreSettings, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                bump, sender=model, dispatch_uid=f"kentro-chrome-{signal}-{model}"
            )
