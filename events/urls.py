from django.urls import re_path

from events import views

app_name = "events"

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)(?P<name>feed|calendar)\.ics$",
        views.calendar_file,
        name="calendar_file",
    ),
]
