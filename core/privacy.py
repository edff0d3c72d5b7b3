"""Which pages the public may see: Wagtail's page view restrictions (a login,
a group, a password), applied to every list, feed, form and search as well as
to the page itself, and holding for a page's translations.

Wagtail checks a restriction when it serves the page and its descendants;
``Page.objects.public()`` leaves out the same subtrees. Neither knows about
translations: restricting a Greek page would leave its English and Arabic
versions public. Here a restriction holds for the page, its translations and
everything under any of them:

* :func:`restricted_paths` lists the tree paths of those pages (cached in the
  shared cache under the chrome version, which a restriction's change bumps);
* :func:`public` / :func:`public_q` filter a queryset of pages, or of rows that
  point to a page (``public_q("event__")``), with no query of their own once
  the paths are cached;
* :func:`is_public` answers for one page: the full-page cache may store an
  anonymous response only for a public page (and never one that sets a
  cookie);
* :class:`PrivacyCheckedPageMixin` spares Wagtail's own check its two queries
  on a public page;
* :func:`restrictions_to_check` gives the restrictions that a translation
  inherits, which ``core.wagtail_hooks`` checks when Wagtail serves the page.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from core import chrome

CACHE_SECONDS = chrome.FRAGMENT_SECONDS


def _restricted_paths():
    restricted_keys = PageViewRestriction.objects.values("page__translation_key")
    # Wagtail gives an alias its source's restrictions (Page.get_view_restrictions).
    restricted = Q(translation_key__in=restricted_keys) | Q(
        alias_of__translation_key__in=restricted_keys
    )
    return tuple(sorted(Page.objects.filter(restricted).values_list("path", flat=True)))


def restricted_paths():
    """Tree paths of the pages under a restriction of their own, of one of
    their translations or of the page they are an alias of; everything below
    them is restricted too."""
    key = f"kentro:privacy:restricted:{chrome.version()}"
    paths = cache.get(key)
    if paths is None:
        paths = _restricted_paths()
        cache.set(key, paths, CACHE_SECONDS)
    return paths


def is_public(page):
    """True when anybody may see the page: neither it, nor a page above it,
    nor a translation of either, is restricted. Says nothing of whether the
    page is live."""
    return not any(page.path.startswith(path) for path in restricted_paths())


def public_q(prefix=""):
    """A condition keeping rows whose page (``prefix`` leads to it, e.g.
    ``"event__"``) is public."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(**{f"{prefix}path__startswith": path})
    return condition


def public(queryset, prefix=""):
    """``queryset`` without the rows whose page is restricted."""
    return queryset.filter(public_q(prefix))


def restrictions_to_check(page):
    """The restrictions a page inherits from its translations (or theirs
    from above), which Wagtail does not check itself: those of the page's own
    ancestors are Wagtail's."""
    if is_public(page):
        return []
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    # An alias stands for its source, whose translations count too.
    keys = Q(page__translation_key__in=ancestors.values("translation_key")) | Q(
        page__translation_key__in=ancestors.values("alias_of__translation_key")
    )
    return list(
        PageViewRestriction.objects.filter(keys)
        .exclude(page__in=ancestors)
        .select_related("page")
        .order_by("page__depth", "pk")
    )


class PrivacyCheckedPageMixin:
    """For every page model: Wagtail checks a page's view restrictions on each
    request with two queries (the page's ancestors, then their
    restrictions). A page that :func:`is_public` has none, which the cached
    list of restricted paths answers with no query."""

    def get_view_restrictions(self):
        if is_public(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
