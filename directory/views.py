"""Views of the directory: they read the request and choose a template; the
rules live in directory.search and directory.opening."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import opening
from directory.models import Closure, Location, Organisation, ServiceAtLocation
from directory.search import listed_services, parse_filters, search
from directory.suggest import suggest as suggestions
from portal import searchengine, sitesearch
from portal.search import clean_query

SERVICES_PER_PAGE = 20


def directory(request, page):
    filters = parse_filters(request.GET)
    results = search(page, filters, page.locale_id)
    services = Paginator(results.services, SERVICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    if filters.q and not results.total and filters.without("q").is_empty:
        sitesearch.record_unanswered(filters.q, request.LANGUAGE_CODE)
    context = page.get_context(request)
    context.update(
        filters=filters,
        results=results,
        services=services,
        active_filters=active_filters(filters, results),
        suggestion=searchengine.suggestion(
            filters.q,
            results.corrections,
            [f"{service.title} {service.summary}" for service in services],
        ),
    )
    return TemplateResponse(request, "directory/directory_page.html", context)


def suggest(request, page):
    """Suggestions for a search box, as JSON (see static/js/autocomplete.js)."""
    kinds = {"service": _("Service"), "category": _("Topic")}
    found = suggestions(page, clean_query(request.GET.get("q", "")))
    response = JsonResponse(
        {
            "suggestions": [
                {
                    "label": entry.label,
                    "url": entry.url,
                    "kind": entry.kind,
                    "kind_label": str(kinds[entry.kind]),
                }
                for entry in found
            ]
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


def active_filters(filters, results):
    """(label, query string without that filter) for each filter in force."""
    chosen = []
    labels = {
        name: {value.value: value.label for value in results.facets[name]}
        for name in results.facets
    }
    for name in ("category", "audience", "municipality", "language"):
        value = getattr(filters, name)
        if value:
            chosen.append((labels[name].get(value, value), name))
    if filters.open_now:
        chosen.append((None, "open_now"))
    if filters.free:
        chosen.append((None, "free"))
    return chosen


def locations_with_hours(locations, moment=None):
    """Each location with today's hours and whether it is open now."""
    moment = moment or timezone.now()
    today = moment.astimezone(opening.ATHENS).date()
    closures = list(
        Closure.objects.affecting(
            [location.pk for location in locations],
            today - datetime.timedelta(days=1),
            today,
        )
    )
    annotated = []
    for location in locations:
        own = [c for c in closures if c.location_id in (None, location.pk)]
        hours = list(location.opening_hours.all())
        annotated.append(
            {
                "location": location,
                "state": opening.state_at(moment, hours, own),
                "today": opening.hours_on(today, hours, own),
                "has_hours": bool(hours),
            }
        )
    return annotated


def service(request, page, printable=False):
    """A service page, or its one-page printable checklist."""
    links = list(
        ServiceAtLocation.objects.filter(service=page)
        .select_related("location", "location__municipality")
        .prefetch_related("location__opening_hours")
    )
    places = locations_with_hours([link.location for link in links])
    for place, link in zip(places, links, strict=True):
        place["notes"] = link.notes
    context = page.get_context(request)
    context.update(places=places, directory_url=parent_url(page))
    template = (
        "directory/service_print.html" if printable else "directory/service_page.html"
    )
    return TemplateResponse(request, template, context)


def parent_url(page):
    """The directory's address, from the service's own (no query for the parent)."""
    url = page.get_url(request=None) or ""
    return url[: -len(page.slug) - 1] if url.endswith(f"/{page.slug}/") else url


def organisation(request, page, slug):
    organisation = get_object_or_404(Organisation, locale_id=page.locale_id, slug=slug)
    services = Paginator(
        listed_services(page).filter(organisation=organisation).order_by("title"),
        SERVICES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = page.get_context(request)
    context.update(organisation=organisation, services=services, directory_url=page.url)
    return TemplateResponse(request, "directory/organisation.html", context)


def location(request, page, slug):
    location = (
        Location.objects.filter(locale_id=page.locale_id, slug=slug)
        .select_related("municipality")
        .prefetch_related("opening_hours", "languages")
        .first()
    )
    if location is None:
        raise Http404
    services = Paginator(
        listed_services(page)
        .filter(service_locations__location=location)
        .distinct()
        .order_by("title"),
        SERVICES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = page.get_context(request)
    context.update(
        location=location,
        place=locations_with_hours([location])[0],
        services=services,
        directory_url=page.url,
    )
    return TemplateResponse(request, "directory/location.html", context)
