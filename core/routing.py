"""Serving a page with fewer queries: the site and the page an address leads
to are kept per process under the chrome version.

Wagtail finds the page for each request by walking the tree: a query for the
site, one for the active locale, one for the home page's translation, then
two for each level of the address (the child by its slug, then its specific
model). A service page costs seven queries before its own view runs. Here:

* the site found for a host and port is kept per process;
* an address that led to a page (the whole address, not a route below a
  page) is kept as that page's id and model, and the page is then fetched in
  one query.

Both are kept under :func:`core.chrome.version`, which a publish, unpublish,
move or deletion of a page bumps, and so does a change to a site or a locale;
a new version empties them. A kept page is checked again when it is fetched
(still live, still at the same place in the tree) and the tree is walked
instead when it is not, so an address never leads to a page that has moved or
gone, whatever the version. Only addresses that led to a live page are kept,
so a visitor cannot fill the map with junk; it holds at most
:data:`MAX_ROUTES` addresses.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core import chrome

MAX_ROUTES = 5000
MAX_SITES = 50

# One process's memory: {"version": ..., "sites": {...}, "routes": {...}}.
_kept = {"version": None, "sites": {}, "routes": {}}


def _for_version(version):
    if _kept["version"] != version:
        _kept.update(version=version, sites={}, routes={})
    return _kept


def _site(request, kept):
    key = (request.get_host(), request.get_port())
    if key not in kept["sites"]:
        if len(kept["sites"]) >= MAX_SITES:
            kept["sites"].clear()
        kept["sites"][key] = Site.find_for_request(request)
    return kept["sites"][key]


def _kept_page(entry):
    """The page a kept address led to, fetched in one query, or None when it
    is gone, no longer live or somewhere else in the tree."""
    page_id, content_type_id, url_path = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=page_id).first()
    if page is None or not page.live or page.url_path != url_path:
        return None
    return page


def _is_whole_address(page, site, components):
    """True when Wagtail's walk ended at ``page`` with nothing of the
    address left over (not a route below it)."""
    return page.depth == site.root_page.depth + len(components)


def route(request, path):
    """Find the page for ``request`` and ``path`` (Wagtail's
    ``Page.route_for_request``) and leave the answer where Wagtail looks for
    it, so that Wagtail's view and tags do not look again.

    Returns Wagtail's ``RouteResult`` or None (no site, or no page there).
    """
    kept = _for_version(chrome.version())
    site = _site(request, kept)
    # Wagtail's own cache of the site for this request.
    request._wagtail_site = site
    if site is None:
        return None
    components = tuple(part for part in path.split("/") if part)
    key = (site.pk, get_language(), components)
    entry = kept["routes"].get(key)
    page = _kept_page(entry) if entry else None
    if page is not None:
        try:
            result = page.route(request, [])
        except Http404:
            result = None
        # Wagtail's own cache of the route for this request.
        request._wagtail_route_for_request = result
        return result
    result = Page.route_for_request(request, path)
    if result is not None and _is_whole_address(result[0], site, components):
        if len(kept["routes"]) >= MAX_ROUTES:
            kept["routes"].clear()
        found = result[0]
        kept["routes"][key] = (found.pk, found.content_type_id, found.url_path)
    return result


def serve(request, path):
    """Wagtail's page view, with the page found by :func:`route`."""
    route(request, path)
    return wagtail_views.serve(request, path)
