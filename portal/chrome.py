"""The site's chrome (header, menu, language switcher, alerts, footer) is the
same for every visitor of a page, so its rendered HTML is cached per language
and page. Any change that could alter it bumps a version kept in the shared
cache, which makes every cached fragment stale at once on every process."""

import time

from django.core.cache import cache

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
    from portal.models import CentreSettings

    key = f"kentro:centre:{version()}"
    centre = cache.get(key)
    if centre is None:
        centre = CentreSettings.load()
        cache.set(key, centre, timeout=FRAGMENT_SECONDS)
    return centre


def bump(*args, **kwargs):
    """Signal receiver: the tree, the centre's details or an alert changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from portal.models import AlertBanner, CentreSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"kentro-chrome-{signal}")
    for model in (AlertBanner, CentreSettings):
        post_save.connect(
            bump, sender=model, dispatch_uid=f"kentro-chrome-save-{model}"
        )
        post_delete.connect(
            bump, sender=model, dispatch_uid=f"kentro-chrome-delete-{model}"
        )
