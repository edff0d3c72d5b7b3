from django.urls import path
from wagtail import hooks

from events import admin_views


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path(
            "events/<int:page_id>/cancel-date/",
            admin_views.cancel_date,
            name="events_cancel_date",
        ),
    ]
