from django.contrib import messages
from django.urls import path
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail import hooks

from events import admin_views, closures, recurrence
from events.models import EventPage

MAX_CLASHES_LISTED = 10  # a longer list in a message is not read


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path(
            "events/<int:page_id>/cancel-date/",
            admin_views.cancel_date,
            name="events_cancel_date",
        ),
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_closures(request, page):
    """After saving or publishing an event, a warning naming its coming dates
    that fall on a holiday or a closure (events.closures.clashes). It never
    stops the save: the editor decides (the edit form's panel cancels a date
    in one click)."""
    if not isinstance(page, EventPage):
        return
    found = closures.clashes(page)
    if not found:
        return
    dates = "; ".join(
        f"{formats.date_format(recurrence.to_local(clash.start), 'l j E Y')} "
        f"({clash.reason})"
        for clash in found[:MAX_CLASHES_LISTED]
    )
    if len(found) > MAX_CLASHES_LISTED:
        dates += "; …"
    if page.follows_closures:
        text = _(
            "Holidays and closures cancel or shorten these visits of "
            "“%(title)s”: %(dates)s."
        )
    else:
        text = _(
            "These dates of “%(title)s” fall on a holiday or a closure of the "
            "place: %(dates)s. The event is saved; cancel a date from the "
            "“Holidays and closures” panel if it will not take place."
        )
    messages.warning(request, text % {"title": page.title, "dates": dates})
