"""Addresses of pages the events point to, found without loading the tree:
the first live page of a type in a language, and a place's page in the
directory."""

from django.db import models
from wagtail.models import Site

from directory.models import DirectoryPage


def first_in_site(model, locale_id, request=None):
    """The first live page of a type in a language, preferring the site asked
    for (one query)."""
    pages = model.objects.live().filter(locale_id=locale_id)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return pages.order_by("path").first()
    in_site = models.Q(path__startswith=site.root_page.path)
    return (
        pages.annotate(
            elsewhere=models.Case(
                models.When(in_site, then=models.Value(0)), default=models.Value(1)
            )
        )
        .order_by("elsewhere", "path")
        .first()
    )


def directory_place_url(locale_id, request=None):
    """A function giving the address of a place's page in the directory of a
    language (or "" when there is no directory)."""
    directory = first_in_site(DirectoryPage, locale_id, request)
    base = directory.get_url(request) if directory else None
    if not base:
        return lambda location: ""
    return lambda location: (
        base + directory.reverse_subpage("location", args=(location.slug,))
    )
