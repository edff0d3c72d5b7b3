"""Views of the events pages: each page's routes hand over to these (the
page modules import this module; it never imports them)."""

import datetime

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from events import caching, filters, ics, links, recurrence, schedule

# How far ahead a village's calendar reaches.
FEED_DAYS_AHEAD = 366


def events_feed(request, page):
    """The list's occurrences as iCalendar, with the same filters, from a
    month back to a year ahead at most; cached per window by the day."""
    _form, chosen = page.filters_from(request)
    since, until = filters.feed_window(chosen)
    body = caching.remember(
        "feed",
        (
            page.pk,
            request.build_absolute_uri("/"),
            *chosen.state(),
            since.date(),
            until.date(),
            caching.minute(),
        ),
        lambda: ics.build_calendar(
            filters.feed_occurrences(page.occurrences(), chosen),
            request,
            name=page.title,
        ).to_ical(),
    )
    return ics.calendar_response(body, filename="ekdiloseis.ics")


def event_calendar(request, page):
    """The event's dates to come (at most a year and a half of them), or
    with ``?date=2027-01-01`` the one occurrence of that day: one event
    to add to a calendar."""
    occurrences = page.occurrences.select_related(
        "event", "event__location", "event__organiser"
    ).order_by("start")
    day = ics.parse_day(request.GET.get("date"))
    if day is not None:
        occurrences = occurrences.filter(
            start__gte=recurrence.local_midnight(day),
            start__lt=recurrence.local_midnight(day + datetime.timedelta(days=1)),
        )[:1]
        name = f"{page.slug}-{day:%Y-%m-%d}.ics"
    else:
        occurrences = occurrences.filter(
            end__gte=timezone.now() - datetime.timedelta(days=ics.PAST_DAYS)
        )[: ics.EVENT_LIMIT]
        name = f"{page.slug}.ics"
    return ics.ics_response(occurrences, request, filename=name, name=page.title)


def mobile_unit_picker(request, page):
    """The villages to pick from; ``?stop=<slug>`` (the picker, sent
    without JavaScript) leads to that village's page."""
    chosen = request.GET.get("stop", "")
    if chosen:
        stop = schedule.stop_in(page.locale_id, chosen[:100])
        if stop is not None:
            # Straight to the village's content, past the site's header.
            return HttpResponseRedirect(
                page.village_url(stop, request) + "#main-content"
            )
    return page.render(request, context_overrides={"unknown_stop": bool(chosen)})


def village(request, page, stop):
    found = schedule.stop_in(page.locale_id, stop)
    if found is None:
        raise Http404
    feed_url = (
        page.get_url(request) + page.reverse_subpage("village_feed", args=(found.slug,))
    ).rstrip("/")
    absolute = request.build_absolute_uri(feed_url)
    context = page.get_context(request)
    context.update(
        stop=found,
        village_url=page.village_url(found, request),
        heading=schedule.visit_title(found),
        feed_url=feed_url,
        feed_absolute_url=absolute,
        webcal_url="webcal://" + absolute.split("://", 1)[1],
        content_key=caching.fragment_key(page, request, timed=True),
        village=SimpleLazyObject(lambda: schedule.village(page.visits(), found)),
        place_url=SimpleLazyObject(
            lambda: links.directory_place_url(page.locale_id, request)(found)
        ),
    )
    return TemplateResponse(request, "events/mobile_unit_village.html", context)


def village_feed(request, page, stop):
    """Every visit to a village from a month back to a year ahead: the
    calendar people subscribe to, which stays current."""
    found = schedule.stop_in(page.locale_id, stop)
    if found is None:
        raise Http404
    now = timezone.now()
    body = caching.remember(
        "village-feed",
        (page.pk, found.pk, request.build_absolute_uri("/"), caching.minute()),
        lambda: ics.build_calendar(
            page.visits()
            .at_stop(found)
            .with_event()
            .filter(
                end__gte=now - datetime.timedelta(days=ics.PAST_DAYS),
                start__lt=now + datetime.timedelta(days=FEED_DAYS_AHEAD),
            )
            .order_by("start", "pk")[: ics.EVENT_LIMIT],
            request,
            name=str(schedule.visit_title(found)),
        ).to_ical(),
    )
    return ics.calendar_response(body, filename=f"{found.slug}.ics")


def village_visit(request, page, stop, day):
    """The visit to a village on a day, as one event to add to a
    calendar (cancelled, if it is)."""
    found = schedule.stop_in(page.locale_id, stop)
    date = ics.parse_day(day)
    if found is None or date is None:
        raise Http404
    visits = list(
        page.visits()
        .at_stop(found)
        .with_event()
        .filter(
            start__gte=recurrence.local_midnight(date),
            start__lt=recurrence.local_midnight(date + datetime.timedelta(days=1)),
        )
        .order_by("start", "pk")[:1]
    )
    if not visits:
        raise Http404
    return ics.ics_response(
        visits,
        request,
        filename=f"{found.slug}-{date:%Y-%m-%d}.ics",
        name=str(schedule.visit_title(found)),
    )
