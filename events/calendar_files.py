"""The .ics addresses below event pages, served by the pages' own routes."""

from wagtail import views as wagtail_views


def calendar_file(request, path, name):
    """Serve ``<page path>/feed.ics`` through the page's own route.

    Wagtail's catch-all URL only matches paths ending in a slash without dots,
    so the .ics addresses come here and are handed to the page's
    ``feed.ics/``, ``calendar.ics/`` or a village's ``visits.ics/`` and
    ``<date>.ics/`` routes
    (with the page's privacy rules).
    """
    return wagtail_views.serve(request, f"{path}{name}.ics/")
