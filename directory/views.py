"""Views of the directory: they read the request and choose a template; the
rules live in directory.search, directory.calendar and
directory.corrections."""

import datetime
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import abuse, busy, chrome, pagecache, untranslated
from core.forms import refuse_unreadable_charset
from core.navigation import privacy_page
from core.weekdays import Weekday
from directory import calendar, corrections, opening, review
from directory.forms import CorrectionReportForm
from directory.models.locations import Location, LocationPhone
from directory.models.organisations import Organisation, OrganisationPhone
from directory.models.phones import first_phone_columns, known_first_phone
from directory.models.taxonomy import FormerCategorySlug
from directory.search import parse_filters, search
from directory.suggest import suggest as suggestions
from search import engine, sitesearch
from search.query import clean_query

SERVICES_PER_PAGE = 20


# What the directory reads from its query string: the rest is never cached.
DIRECTORY_PARAMETERS = (
    "q",
    "category",
    "audience",
    "municipality",
    "language",
    "open_now",
    "free",
    "page",
)


def directory(request, page):
    filters = parse_filters(request.GET)
    pagecache.accept_query(request, DIRECTORY_PARAMETERS)
    if filters.notices:
        pagecache.skip(request)  # a filter not understood: not a real state
    # "Open now" and its count are true to the minute.
    pagecache.expires_next_minute(request)
    if filters.category and (
        new := FormerCategorySlug.objects.renamed(filters.category)
    ):
        # A renamed category: the same list under its new slug (a 301, so that
        # bookmarks and search engines learn it), every other parameter kept.
        query = request.GET.copy()
        query["category"] = new
        return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
    results = search(page, filters, page.locale_id)
    services = Paginator(results.services, SERVICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    if filters.q and not results.total and filters.without("q").is_empty:
        sitesearch.record_unanswered(filters.q, request.LANGUAGE_CODE)
        pagecache.skip(request)  # counted each time it is asked
    context = page.get_context(request)
    context.update(
        filters=filters,
        results=results,
        services=services,
        active_filters=active_filters(filters, results),
        suggestion=engine.suggestion(
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


def locations_with_hours(locations, request, moment=None, days=None):
    """Each location with today's hours and whether it is open now
    (``days``: a calendar from yesterday on, when the caller has one). The
    page drawn for ``request`` is cached until the first of them opens or
    closes (core.pagecache)."""
    moment = moment or timezone.now()
    today = moment.astimezone(calendar.ATHENS).date()
    days = days or calendar.Calendar.between(
        today - datetime.timedelta(days=1),
        today,
        locations,
    )
    annotated = []
    for location in locations:
        changes_at = days.changes_at(moment, location)
        annotated.append(
            {
                "location": location,
                "state": days.state_at(moment, location),
                "today": days.hours_on(location, today),
                "has_hours": bool(location.opening_hours.all()),
                "changes_at": changes_at,
            }
        )
        pagecache.expires_by(request, changes_at)
    return annotated


# The next holidays and closures a service page shows for each place (its
# place page shows them all).
UPCOMING_ON_SERVICE = 3
# How long a service page's places are kept at most, when none of them opens
# or closes sooner (they are drawn again at midnight in any case).
WHERE_TO_GO_SECONDS = 3600


def service(request, page, printable=False):
    """A service page, or its one-page printable checklist."""
    today = calendar.today()
    context = page.get_context(request)
    context.update(
        # Past twice its review interval: "call to confirm", and the number
        # to call, read only when the page's cached top is drawn again.
        out_of_date=review.is_out_of_date(page, today),
        confirm_phone=partial(review.phone_to_confirm, page),
        directory_url=parent_url(page),
        # None in the preview of a page not yet in the tree.
        correction_url=page.route_url("correction") if page.url else None,
    )
    if printable:
        context["places"] = service_places(request, page, today)
        return TemplateResponse(request, "directory/service_print.html", context)
    context["where"] = where_to_go(request, page, today, context["directory_url"])
    return TemplateResponse(request, "directory/service_page.html", context)


def service_places(request, page, today):
    """Each place of a service, as :func:`locations_with_hours` gives it,
    with the service's notes for it, its week and the changes ahead."""
    # A preview's links are the draft's, in memory.
    links = list(page.service_locations.all())
    places = {
        location.pk: location
        for location in _locations()
        .filter(pk__in={link.location_id for link in links})
        .select_related("municipality")
    }
    links = [link for link in links if link.location_id in places]
    for link in links:
        link.location = places[link.location_id]
        known_first_phone(link.location, LocationPhone, link.location)
    in_page_language(links, page.locale_id)
    locations = [link.location for link in links]
    # One calendar read for today's state and the closures ahead.
    days = calendar.Calendar.between(
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=calendar.UPCOMING_DAYS),
        locations,
    )
    places = locations_with_hours(locations, request, days=days)
    for place, link in zip(places, links, strict=True):
        place["notes"] = link.notes
        place["week"] = [
            (Weekday(day).label, hours)
            for day, hours in opening.week_of(today, link.location.opening_hours.all())
        ]
        place["changes"] = calendar.upcoming_changes(link.location, today, days)[
            :UPCOMING_ON_SERVICE
        ]
    return places


def where_to_go(request, page, today, directory_url):
    """The service page's "Where to go" section: ``{"html", "any", "until"}``
    (the drawn section, whether the service has a place at all, and the
    aware datetime it is true until, or None for the rest of the day).

    Its three queries and most of the page's drawing are done once per
    version (core.chrome), language and day, and again from the first moment
    one of its places opens or closes, so "open now" stays true to the
    minute. A preview draws it every time: its places may be a draft's.
    """

    def draw():
        places = service_places(request, page, today)
        html = render_to_string(
            "directory/includes/where_to_go.html",
            {"places": places, "directory_url": directory_url},
            request=request,
        )
        moments = [place["changes_at"] for place in places if place["changes_at"]]
        until = min(moments, default=None)
        return {"html": html, "any": bool(places), "until": until}

    if getattr(request, "is_preview", False):
        return draw()
    key = f"kentro:where-to-go:{chrome.version()}:{page.pk}:{get_language()}:{today}"
    now = timezone.now()
    where = cache.get(key)
    if where is None or (where["until"] is not None and where["until"] <= now):
        where = draw()
        seconds = WHERE_TO_GO_SECONDS
        if where["until"] is not None:
            seconds = min(seconds, (where["until"] - now).total_seconds())
        cache.set(key, where, timeout=max(1, int(seconds)))
    pagecache.expires_by(request, where["until"])
    return where


def in_page_language(links, locale_id):
    """Each place of a service's ``links`` in the page's language where the
    place has a record in it (one query): a row keeps the place it was
    translated with, the Greek record when the page was translated before
    its places were, and shows the translation once there is one."""
    other = {
        link.location.translation_key
        for link in links
        if link.location.locale_id != locale_id
    }
    if not other:
        return
    translated = {
        location.translation_key: location
        for location in _locations()
        .filter(translation_key__in=other, locale_id=locale_id)
        .select_related("municipality")
    }
    for link in links:
        found = translated.get(link.location.translation_key)
        if found is not None:
            known_first_phone(found, LocationPhone, found)
            link.location = found


def _locations():
    return (
        Location.objects.select_related("locale")
        .prefetch_related("opening_hours", "languages")
        .annotate(**first_phone_columns(LocationPhone, "pk"))
        .annotate(**untranslated.translation_state())
    )


def in_language_or_default(records, locale_id, slug):
    """The record with this slug in the page's language, or else the same
    record in the default language (Greek), which the page marks as Greek;
    None when neither exists. Slugs are shared by a record's translations
    (wagtail-localize keeps a snippet's slug synchronised)."""
    found = records.filter(locale_id=locale_id, slug=slug).first()
    if found is None:
        found = (
            records.filter(locale__language_code=settings.LANGUAGE_CODE)
            .filter(slug=slug)
            .first()
        )
    return found


def parent_url(page):
    """The directory's address, from the service's own (no query for the parent)."""
    url = page.get_url(request=None) or ""
    return url[: -len(page.slug) - 1] if url.endswith(f"/{page.slug}/") else url


def organisation(request, page, slug):
    organisation = in_language_or_default(
        Organisation.objects.annotate(**first_phone_columns(OrganisationPhone, "pk")),
        page.locale_id,
        slug,
    )
    if organisation is None:
        raise Http404
    known_first_phone(organisation, OrganisationPhone, organisation)
    services = Paginator(
        page.services_of(organisation=organisation), SERVICES_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = page.get_context(request)
    context.update(
        organisation=organisation,
        **review_notice(organisation, calendar.today()),
        services=services,
        directory_url=page.url,
        correction_url=page.route_url("organisation_correction", organisation.slug),
    )
    return TemplateResponse(request, "directory/organisation.html", context)


def review_notice(record, today):
    """What a location's or organisation's page says of its checks
    (directory/includes/out_of_date.html): whether it is out of date on
    ``today`` and the number to call, its first phone, read with it."""
    return {
        "out_of_date": review.is_out_of_date(record, today),
        "confirm_phone": review.phone_to_confirm(record),
    }


def location(request, page, slug):
    location = in_language_or_default(
        _locations().select_related("municipality"), page.locale_id, slug
    )
    if location is None:
        raise Http404
    known_first_phone(location, LocationPhone, location)
    services = Paginator(
        page.services_of(location=location), SERVICES_PER_PAGE
    ).get_page(request.GET.get("page"))
    today = calendar.today()
    days = calendar.Calendar.between(
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=calendar.UPCOMING_DAYS),
        [location],
    )
    context = page.get_context(request)
    context.update(
        location=location,
        **review_notice(location, today),
        place=locations_with_hours([location], request, days=days)[0],
        changes=calendar.upcoming_changes(location, today, days),
        services=services,
        directory_url=page.url,
        correction_url=page.route_url("location_correction", location.slug),
    )
    return TemplateResponse(request, "directory/location.html", context)


# "Is something wrong on this page?" (issue #25). Each public page links to
# its form with a plain link, so the page itself stays cacheable; only the
# form's page carries a CSRF token.


def find_organisation(page, slug):
    return _found(in_language_or_default(Organisation.objects, page.locale_id, slug))


def find_location(page, slug):
    return _found(in_language_or_default(Location.objects, page.locale_id, slug))


def _found(record):
    if record is None:
        raise Http404
    return record


def is_correction_limited(request):
    return abuse.is_rate_limited(
        request,
        "directory:correction",
        limit=getattr(settings, "KENTRO_CORRECTION_RATE_LIMIT", 10),
        window=getattr(settings, "KENTRO_CORRECTION_RATE_WINDOW", 3600),
    )


def correction(request, page, record, urls):
    """The form about ``record`` (a ServicePage, Location or Organisation),
    or its target: stored and thanked (a redirect), or shown again with the
    errors and nothing stored.

    ``urls``: {"record_url", "form_url", "thanks_url"}: the record's public
    page, this form and the thank-you page."""
    context = {"record": record, "record_name": str(record), **urls}
    if request.method != "POST":
        return correction_page(request, page, CorrectionReportForm(), context)
    if is_correction_limited(request):
        return correction_message(request, page, "rate_limited", context, 429)
    form = CorrectionReportForm(request.POST)
    if refuse_unreadable_charset(request, form):
        return correction_page(request, page, form, context, status=400)
    if not form.is_valid():
        return correction_page(request, page, form, context)
    if not form.is_spam:  # a robot is thanked the same and nothing is kept
        try:
            corrections.create_report(
                form.cleaned_data,
                record=record,
                language=get_language(),
                page_url=request.build_absolute_uri(urls["record_url"]),
            )
        except OperationalError as error:
            if not busy.is_busy(error):
                raise
            form.add_error(None, busy.MESSAGE)
            return busy.mark_busy(correction_page(request, page, form, context))
    return redirect(urls["thanks_url"])


def correction_page(request, page, form, context, status=200):
    context = {
        **page.get_context(request),
        **context,
        "form": form,
        "privacy_page": privacy_page(request, page),
    }
    return TemplateResponse(
        request, "directory/correction_report.html", context, status=status
    )


def correction_thanks(request, page, record, urls):
    context = {"record": record, "record_name": str(record), **urls}
    return correction_message(request, page, "thanks", context)


def correction_message(request, page, kind, context, status=200):
    """The thank-you page, or the one asking to try later (``kind``)."""
    context = {**page.get_context(request), **context, "kind": kind}
    return TemplateResponse(
        request, "directory/correction_thanks.html", context, status=status
    )


def service_correction_urls(page):
    return {
        "record_url": page.url,
        "form_url": page.route_url("correction"),
        "thanks_url": page.route_url("correction_thanks"),
    }


def organisation_correction_urls(page, organisation):
    return {
        "record_url": page.route_url("organisation", organisation.slug),
        "form_url": page.route_url("organisation_correction", organisation.slug),
        "thanks_url": page.route_url(
            "organisation_correction_thanks", organisation.slug
        ),
    }


def location_correction_urls(page, location):
    return {
        "record_url": page.route_url("location", location.slug),
        "form_url": page.route_url("location_correction", location.slug),
        "thanks_url": page.route_url("location_correction_thanks", location.slug),
    }
