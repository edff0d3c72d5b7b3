"""The read-only Open Referral HSDS 3.0 API at /api/hsds/.

Plain JSON views: only live, public, default-locale (Greek) content; paged
responses in the HSDS Page shape; any origin may read (CORS ``*``). Malformed
parameters give a 400 with a JSON message, never a 500.
"""

import datetime
import functools
import math
import uuid

from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from directory.hsds import serialise
from directory.models import (
    Category,
    Organisation,
    ServiceAtLocation,
    ServicePage,
    TargetGroup,
)
from search import engine
from search.query import clean_query

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_SEARCH_LENGTH = 200


class BadParameter(Exception):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def _json(data, status=200):
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status, message, parameter=None):
    data = {"error": str(message), "status": status}
    if parameter:
        data["parameter"] = parameter
    return _json(data, status=status)


def api_view(view):
    """GET (and HEAD, OPTIONS) only; bad parameters become a JSON 400."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _json({})
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            return response
        if request.method not in ("GET", "HEAD"):
            response = _error(405, _("This API is read-only: use GET."))
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return _error(400, error.message, error.name)

    return wrapper


# --- parameters ------------------------------------------------------------


def positive_int(params, name, default):
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(name, _("Must be a whole number.")) from None
    if number < 1:
        raise BadParameter(name, _("Must be 1 or more."))
    return number


def uuid_param(params, name):
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadParameter(name, _("Must be a UUID.")) from None


def datetime_param(params, name):
    """An ISO 8601 date and time (or a date: its start), in Athens time if naive."""
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)):
            parsed = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadParameter(
            name, _("Must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.")
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def search_terms(params):
    value = params.get("search") or ""
    if len(value) > MAX_SEARCH_LENGTH:
        raise BadParameter(
            "search",
            _("Must be at most %(length)d characters.") % {"length": MAX_SEARCH_LENGTH},
        )
    # Characters of the backend's query syntax never reach it (search.query).
    return clean_query(value).lower().split()


def paginate(request, items, serialise_item):
    """A page of ``items`` (a queryset or list) in the HSDS Page shape."""
    page_number = positive_int(request.GET, "page", 1)
    per_page = min(
        positive_int(request.GET, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE
    )
    total = len(items) if isinstance(items, list) else items.count()
    total_pages = math.ceil(total / per_page)
    start = (page_number - 1) * per_page
    contents = (
        [serialise_item(item) for item in items[start : start + per_page]]
        if start < total
        else []
    )
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page_number,
            "size": len(contents),
            "first_page": page_number == 1,
            "last_page": page_number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


# --- filters (plain functions, tested directly) ----------------------------


def filter_services(queryset, params):
    """Services matching the search, taxonomy, organisation and date parameters."""
    queryset = matching_services(queryset, params)
    if term_id := uuid_param(params, "taxonomy_term_id"):
        queryset = queryset.filter(
            Q(pk__in=_services_with(Category, term_id))
            | Q(pk__in=_services_with(TargetGroup, term_id))
        )
    if taxonomy_id := uuid_param(params, "taxonomy_id"):
        condition = Q(pk__in=[])
        for name, info in serialise.TAXONOMIES.items():
            if info["id"] == taxonomy_id:
                model = serialise.TAXONOMY_MODELS[name]
                condition |= Q(pk__in=_services_with(model))
        queryset = queryset.filter(condition)
    if org_id := uuid_param(params, "organization_id"):
        queryset = queryset.filter(organisation__translation_key=org_id)
    if modified_after := datetime_param(params, "modified_after"):
        queryset = queryset.filter(last_published_at__gte=modified_after)
    return queryset


def _services_with(model, term_id=None):
    """Ids of the services linked to a term (or any term) of a taxonomy model."""
    through = ServicePage._meta.get_field(
        "categories" if model is Category else "target_groups"
    ).remote_field.through
    field = "category" if model is Category else "targetgroup"
    links = through.objects.all()
    if term_id:
        links = links.filter(**{f"{field}__translation_key": term_id})
    return links.values("servicepage_id")


def matching_services(queryset, params):
    """Services the site's own search finds for ``search``: the same Greek
    normalisation, Greeklish and synonyms as the directory page."""
    words = search_terms(params)
    if not words:
        return queryset.none() if (params.get("search") or "").strip() else queryset
    found = engine.find(" ".join(words), serialise.default_locale().pk)
    return queryset.filter(pk__in=found.ranked)


def matching(queryset, params):
    """What the site's search backend finds for ``search`` (every word must match).

    The backend folds the case of Greek letters, which a SQL LIKE on SQLite
    does not.
    """
    words = search_terms(params)
    if not words:
        # Nothing searchable left (only punctuation, say): nothing matches.
        return queryset.none() if (params.get("search") or "").strip() else queryset
    found = get_search_backend().search(" ".join(words), queryset.model, operator="and")
    return queryset.filter(pk__in=[obj.pk for obj in found])


# --- views -----------------------------------------------------------------


@api_view
def root(request):
    data = serialise.root()
    data["profile"] = request.build_absolute_uri("/api/hsds/")
    return _json(data)


@api_view
def services(request):
    queryset = filter_services(serialise.services_queryset(full=False), request.GET)
    return paginate(request, queryset, serialise.service_summary)


@api_view
def service_detail(request, service_id):
    page = _by_id(serialise.services_queryset(), service_id)
    if page is None:
        return _error(404, _("No service has this id."))
    return _json(serialise.service(page))


def _by_id(queryset, value):
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return queryset.filter(translation_key=key).first()


def _organisations():
    return (
        Organisation.objects.filter(locale=serialise.default_locale())
        .prefetch_related("phones")
        .order_by("name", "pk")
    )


@api_view
def organizations(request):
    queryset = matching(_organisations(), request.GET)
    if modified_after := datetime_param(request.GET, "modified_after"):
        queryset = queryset.filter(updated_at__gte=modified_after)
    return paginate(request, queryset, serialise.organisation)


@api_view
def organization_detail(request, organization_id):
    org = _by_id(_organisations(), organization_id)
    if org is None:
        return _error(404, _("No organisation has this id."))
    # Its services are listed without their organisation: no phones to fetch.
    pages = (
        serialise.services_queryset(full=False)
        .filter(organisation=org)
        .prefetch_related(None)
    )
    return _json(serialise.organisation_detail(org, pages))


@api_view
def service_at_locations(request):
    services = filter_services(serialise.services_queryset(full=False), request.GET)
    queryset = (
        ServiceAtLocation.objects.filter(service__in=services.values("pk"))
        .select_related("service__organisation", "location")
        .order_by("service__title", "service_id", "sort_order", "pk")
    )
    return paginate(request, queryset, serialise.service_at_location_summary)


def _link_by_id(value):
    """The public service-at-location with this id, stored or derived."""
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    public = serialise.services_queryset(full=False).values("pk")
    links = ServiceAtLocation.objects.filter(service__in=public).select_related(
        "service", "location"
    )
    stored = links.filter(hsds_id=key).first()
    if stored is not None:
        return stored
    # A derived id cannot be looked up, only recomputed: one uuid5 a link.
    for link in links.filter(hsds_id__isnull=True).iterator():
        if serialise.service_at_location_id(link) == str(key):
            return link
    return None


@api_view
def service_at_location_detail(request, service_at_location_id):
    """The standard answers with the whole service (compiled service.json)
    the service-at-location belongs to."""
    link = _link_by_id(service_at_location_id)
    if link is None:
        return _error(404, _("No service at a location has this id."))
    page = serialise.services_queryset().filter(pk=link.service_id).first()
    return _json(serialise.service(page))


@api_view
def taxonomies(request):
    items = serialise.taxonomies()
    words = [word.lower() for word in search_terms(request.GET)]
    items = [
        item
        for item in items
        if all(
            word in f"{item['name']} {item['description']}".lower() for word in words
        )
    ]
    return paginate(request, items, lambda item: item)


@api_view
def taxonomy_detail(request, taxonomy_id):
    for item in serialise.taxonomies():
        if item["id"] == taxonomy_id:
            return _json(item)
    return _error(404, _("No taxonomy has this id."))


@api_view
def taxonomy_term_detail(request, taxonomy_term_id):
    locale = serialise.default_locale()
    for name, model in serialise.TAXONOMY_MODELS.items():
        term = _by_id(model.objects.filter(locale=locale), taxonomy_term_id)
        if term is not None:
            return _json(serialise.taxonomy_term(term, name, with_parent=True))
    return _error(404, _("No taxonomy term has this id."))


@api_view
def taxonomy_terms(request):
    locale = serialise.default_locale()
    taxonomy_id = uuid_param(request.GET, "taxonomy_id")
    terms = []
    for name, model in serialise.TAXONOMY_MODELS.items():
        if taxonomy_id and serialise.TAXONOMIES[name]["id"] != taxonomy_id:
            continue
        queryset = model.objects.filter(locale=locale).order_by(
            "sort_order", "name", "pk"
        )
        if model is Category:
            queryset = queryset.select_related("parent")
        queryset = matching(queryset, request.GET)
        terms += [(term, name) for term in queryset]
    return paginate(
        request,
        terms,
        lambda item: serialise.taxonomy_term(item[0], item[1], with_parent=True),
    )
