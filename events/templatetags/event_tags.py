from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from directory.models import Location
from events import caching
from events.links import first_in_site
from events.models import EventIndexPage, EventOccurrence, MobileUnitPage

register = template.Library()

NEXT_VISITS_AT_A_STOP = 6


def _locale_id(context):
    page = context.get("page")
    if page is not None and getattr(page, "locale_id", None):
        return page.locale_id
    return Locale.get_active().pk


def _schedule_urls(locale_id, request, stop=None):
    """The addresses of the Mobile Unit's schedule and of a stop's village
    page, or "" (also when the page is not part of the site asked for)."""
    schedule = first_in_site(MobileUnitPage, locale_id, request)
    base = (schedule.get_url(request) if schedule else None) or ""
    if not base or stop is None:
        return base, ""
    return base, schedule.village_url(stop, request)


def _where(request):
    """The host asked for, on which the cached addresses depend."""
    return request.get_host() if request is not None else ""


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3):
    """The next few events (not Mobile Unit visits) in the page's language."""
    locale_id = _locale_id(context)
    occurrences = list(
        EventOccurrence.objects.live()
        .in_locale(locale_id)
        .public_events()
        .with_event()
        .upcoming(timezone.now())[:count]
    )
    index = None
    if occurrences:
        index = EventIndexPage.objects.live().filter(locale_id=locale_id).first()
    return {
        "occurrences": occurrences,
        "index": index,
        "request": context.get("request"),
    }


@register.inclusion_tag("events/includes/next_visits.html", takes_context=True)
def next_mobile_unit_visits(context, count=3):
    """Where the Mobile Unit goes next, in the page's language, each visit
    leading to its village's page."""
    locale_id = _locale_id(context)
    request = context.get("request")
    visits = list(
        EventOccurrence.objects.live()
        .in_locale(locale_id)
        .by_mobile_unit()
        .with_event()
        .upcoming(timezone.now())[:count]
    )
    schedule = first_in_site(MobileUnitPage, locale_id, request) if visits else None
    for visit in visits:
        location = visit.event.location
        visit.village_url = (
            schedule.village_url(location, request)
            if schedule is not None and location is not None
            else ""
        )
    return {"visits": visits, "schedule": schedule, "request": request}


@register.simple_tag(takes_context=True)
def mobile_unit_stop_visits(context, location, count=NEXT_VISITS_AT_A_STOP):
    """On a Mobile Unit stop's page in the directory: the unit's next visits
    there and a link to its whole schedule; nothing for other places.

    Rendered once a minute for everyone and cached.
    """
    if getattr(location, "kind", None) != Location.Kind.MOBILE_STOP:
        return ""
    request = context.get("request")

    def render():
        visits = list(
            EventOccurrence.objects.live()
            .in_locale(location.locale_id)
            .by_mobile_unit()
            .at_stop(location)
            .select_related("event")
            .upcoming(timezone.now())[:count]
        )
        schedule_url, village_url = _schedule_urls(
            location.locale_id, request, location
        )
        return render_to_string(
            "events/includes/stop_visits.html",
            {
                "location": location,
                "visits": visits,
                "schedule_url": schedule_url,
                "village_url": village_url,
                "request": request,
            },
        )

    return caching.remember(
        "stop-visits",
        (location.pk, count, get_language(), _where(request), caching.minute()),
        render,
    )


@register.simple_tag(takes_context=True)
def mobile_unit_schedule_link(context):
    """A pointer to the Mobile Unit's schedule, e.g. on the directory page;
    nothing when there is no schedule page in the page's language."""
    locale_id = _locale_id(context)
    request = context.get("request")
    return caching.remember(
        "schedule-link",
        (locale_id, get_language(), _where(request)),
        lambda: render_to_string(
            "events/includes/schedule_link.html",
            {"schedule_url": _schedule_urls(locale_id, request)[0]},
        ),
    )


@register.simple_tag
def events_cache_key():
    """What a cached fragment that lists upcoming events depends on: the
    events' version and the next moment one starts or ends
    (events.caching.epoch), so that none is shown past its end."""
    return f"{caching.version()}:{caching.epoch()}"
