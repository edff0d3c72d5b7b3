from django import template
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage, EventOccurrence, MobileUnitPage

register = template.Library()


def _locale_id(context):
    page = context.get("page")
    if page is not None and getattr(page, "locale_id", None):
        return page.locale_id
    return Locale.get_active().pk


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
    """Where the Mobile Unit goes next, in the page's language."""
    locale_id = _locale_id(context)
    visits = list(
        EventOccurrence.objects.live()
        .in_locale(locale_id)
        .mobile_unit_visits()
        .with_event()
        .upcoming(timezone.now())[:count]
    )
    schedule = None
    if visits:
        schedule = MobileUnitPage.objects.live().filter(locale_id=locale_id).first()
    return {"visits": visits, "schedule": schedule, "request": context.get("request")}
