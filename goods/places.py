"""The drop-off points of a needs page, with their hours from the one
calendar (directory.calendar) in the shape the directory's place template
reads (templates/directory/includes/place.html)."""

import datetime

from django.db.models import prefetch_related_objects
from django.utils import timezone

from core import untranslated
from core.weekdays import Weekday
from directory import calendar, opening
from directory.models import Location, LocationPhone
from directory.models.phones import first_phone_columns, known_first_phone

# How many of the holidays and closures ahead each point shows.
UPCOMING_SHOWN = 3


def drop_off_points(page):
    """The page's points, in order, each with its location in the page's
    language where the place is translated (name, address, notes; the
    translation's hours), hours prefetched and the first phone read in the
    same queries: a list of DropOffPoint, each with ``stored_location_id``,
    the id of the page's own location. Three queries (two when every place is
    in the page's language), however many points there are."""
    points = list(
        page.drop_off_points.order_by("sort_order", "pk")
        .select_related("location__municipality", "location__locale")
        .annotate(**first_phone_columns(LocationPhone, "location"))
        .annotate(**untranslated.translation_state("location__"))
    )
    for point in points:
        point.stored_location_id = point.location_id
        known_first_phone(point.location, LocationPhone, point)
        point.location.localize_translated = point.location_localize_translated
    foreign = {
        point.location.translation_key
        for point in points
        if point.location.locale_id != page.locale_id
    }
    if foreign:
        translated = {
            location.translation_key: location
            for location in Location.objects.filter(
                locale_id=page.locale_id, translation_key__in=foreign
            )
            .select_related("municipality", "locale")
            .annotate(**first_phone_columns(LocationPhone, "pk"))
            .annotate(**untranslated.translation_state())
        }
        for location in translated.values():
            known_first_phone(location, LocationPhone, location)
        for point in points:
            # Shown in translation; what is stored (a pledge's place) stays
            # the page's own location, ``stored_location_id``.
            stored_location_id = point.location_id
            point.location = translated.get(
                point.location.translation_key, point.location
            )
            point.stored_location_id = stored_location_id
    prefetch_related_objects([point.location for point in points], "opening_hours")
    return points


def with_hours(points, moment=None):
    """[{"point", "location", "state", "today", "has_hours", "week",
    "changes", "accepts"}] for each point: the place template's keys, plus
    the point and what it accepts. One calendar query for all of them."""
    today = calendar.today()
    days = calendar.Calendar.between(
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=calendar.UPCOMING_DAYS),
        [point.location for point in points],
    )
    moment = moment or timezone.now()
    places = []
    for point in points:
        location = point.location
        hours = location.opening_hours.all()
        places.append(
            {
                "point": point,
                "location": location,
                "accepts": point.accepted_categories(),
                "state": days.state_at(moment, location),
                "today": days.hours_on(location, today),
                "has_hours": bool(hours),
                "week": [
                    (Weekday(day).label, day_hours)
                    for day, day_hours in opening.week_of(today, hours)
                ],
                "changes": calendar.upcoming_changes(location, today, days)[
                    :UPCOMING_SHOWN
                ],
            }
        )
    return places


def is_open_on(location, day):
    """Whether a drop-off point is open at some time of a date, holidays and
    closures applied (directory.calendar; one query)."""
    return bool(calendar.hours_on(location, day))
