from django.urls import re_path

from events import calendar_files

app_name = "events"

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)(?P<name>feed|calendar|visits|\d{4}-\d{2}-\d{2})\.ics$",
        calendar_files.calendar_file,
        name="calendar_file",
    ),
]
