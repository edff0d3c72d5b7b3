"""Where a person can meet the centre: the places listed on the appointment
page (the main office, the Roma branch) and the Mobile Unit's coming visits.

Each option has a stable value for the form: ``place-<location id>`` or
``visit-<event id>-<start as Unix time>`` (occurrences are rebuilt when an
event is published, so their own ids do not last).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import chrome
from directory.models import Location, Municipality
from events.models import EventOccurrence

VISIT_WEEKS_AHEAD = 6
VISITS_PER_STOP = 4
OPTIONS_SECONDS = 300


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    location: Location
    visit_event_id: int | None = None
    visit_starts_at: datetime.datetime | None = None


def translated_names(model, objects, locale_id):
    """{translation_key: name} of the objects' translations into a locale."""
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
    if not keys or locale_id is None:
        return {}
    return dict(
        model.objects.filter(locale_id=locale_id, translation_key__in=keys).values_list(
            "translation_key", "name"
        )
    )


def place_options(page):
    locations = [place.location for place in page.places.select_related("location")]
    names = translated_names(Location, locations, page.locale_id)
    return [
        Option(
            f"place-{location.pk}",
            names.get(location.translation_key, location.name),
            location,
        )
        for location in locations
    ]


def upcoming_visits(now=None):
    """The Mobile Unit's next visits that take place (the Greek events, which
    the reports count): a visit cancelled by its editor or by a holiday or
    closure (directory.calendar) is not offered; a shortened one is, with its
    shorter hours."""
    now = now or timezone.now()
    occurrences = (
        EventOccurrence.objects.live()
        .mobile_unit_visits()
        .held()
        .filter(
            event__locale__language_code=settings.LANGUAGE_CODE,
            event__location__isnull=False,
            start__gte=now,
            start__lt=now + datetime.timedelta(weeks=VISIT_WEEKS_AHEAD),
        )
        .with_event()
        .order_by("start", "pk")
    )
    per_stop = {}
    visits = []
    for occurrence in occurrences:
        stop = occurrence.event.location_id
        per_stop[stop] = per_stop.get(stop, 0) + 1
        if per_stop[stop] <= VISITS_PER_STOP:
            visits.append(occurrence)
    return visits


def visit_value(event_id, start):
    return f"visit-{event_id}-{int(start.timestamp())}"


def visit_label(occurrence, stop_name):
    start = timezone.localtime(occurrence.start)
    end = timezone.localtime(occurrence.end)
    day = formats.date_format(start, "l j E")
    return _("%(day)s, %(start)s–%(end)s, %(place)s") % {
        "day": day,
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "place": stop_name,
    }


def visit_groups(locale_id, now=None):
    """[(municipality name, [Option, ...]), ...] in the order of the visits."""
    visits = upcoming_visits(now)
    stops = {visit.event.location for visit in visits}
    stop_names = translated_names(Location, stops, locale_id)
    municipalities = {
        stop.municipality for stop in stops if stop.municipality is not None
    }
    municipality_names = translated_names(Municipality, municipalities, locale_id)
    groups = {}
    for visit in visits:
        stop = visit.event.location
        municipality = stop.municipality
        heading = _("Mobile Unit")
        if municipality is not None:
            name = municipality_names.get(
                municipality.translation_key, municipality.name
            )
            heading = _("Mobile Unit in %(municipality)s") % {"municipality": name}
        option = Option(
            visit_value(visit.event_id, visit.start),
            visit_label(visit, stop_names.get(stop.translation_key, stop.name)),
            stop,
            visit.event_id,
            visit.start,
        )
        groups.setdefault(heading, []).append(option)
    return list(groups.items())


def where_options(page, now=None):
    """Every option, as (choices for a select, {value: Option}).

    Kept in the shared cache for a few minutes: the chrome version changes
    whenever a page (an event, this page) is published, which makes the
    cached options stale at once.
    """
    if now is not None:
        return _where_options(page, now)
    key = (
        f"kentro:appointments:where:{page.pk}:{chrome.version()}:"
        f"{translation.get_language()}"
    )
    options = cache.get(key)
    if options is None:
        options = _where_options(page)
        cache.set(key, options, OPTIONS_SECONDS)
    return options


def _where_options(page, now=None):
    places = place_options(page)
    groups = visit_groups(page.locale_id, now) if page.offer_mobile_unit else []
    choices = [(option.value, option.label) for option in places]
    choices += [
        (heading, [(option.value, option.label) for option in options])
        for heading, options in groups
    ]
    options = {option.value: option for option in places}
    for _heading, group in groups:
        options.update((option.value, option) for option in group)
    return choices, options


def preselected(options, location_id):
    """The option for a location: the place itself, or the next visit there."""
    for option in options.values():
        if option.location.pk == location_id:
            return option.value
    return None
