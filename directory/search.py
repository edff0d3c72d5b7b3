"""Find services in the directory: free text plus facets that combine.

Every facet counts what choosing one of its values would give under the
other filters in force, so that no choice leads to an empty page unawares.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import CharField, Count, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import opening
from directory.models import (
    Category,
    Closure,
    Language,
    Municipality,
    OpeningHours,
    ServicePage,
    TargetGroup,
)
from portal.search import clean_query

# How many text matches are ranked; a person never pages past this.
MAX_TEXT_MATCHES = 1000
FACETS = ("category", "audience", "municipality", "language")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    category: str = ""
    audience: str = ""
    municipality: str = ""
    language: str = ""
    open_now: bool = False
    free: bool = False
    notices: tuple = field(default=(), compare=False)

    @property
    def is_empty(self):
        return not (
            self.q
            or self.open_now
            or self.free
            or any(getattr(self, name) for name in FACETS)
        )

    def without(self, name):
        return replace(self, **{name: False if name in ("open_now", "free") else ""})


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0


@dataclass
class DirectoryResults:
    filters: DirectoryFilters
    services: object
    total: int
    facets: dict
    free_count: int
    open_now_count: int


def parse_filters(params):
    """Read the GET parameters; odd values are dropped, never an error."""
    notices = []

    def slug(name):
        value = params.get(name, "").strip()
        if value and (len(value) > 80 or not value.replace("-", "").isalnum()):
            notices.append(_("An unknown filter was ignored."))
            return ""
        return value

    return DirectoryFilters(
        q=clean_query(params.get("q", "")),
        category=slug("category"),
        audience=slug("audience"),
        municipality=slug("municipality"),
        language=slug("language"),
        open_now=params.get("open_now") == "1",
        free=params.get("free") == "1",
        notices=tuple(notices),
    )


def open_location_ids(moment=None):
    """Locations open at a moment, by their opening hours and closures.

    The answer is the same for every visitor within a minute, so it is kept in
    the shared cache for that minute.
    """
    moment = moment or timezone.now()
    local = moment.astimezone(opening.ATHENS)
    key = f"kentro:open-locations:{local:%Y%m%d%H%M}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    today = local.date()
    hours_by_location = {}
    for hours in OpeningHours.objects.only(
        "location_id", "weekday", "opens", "closes", "valid_from", "valid_to"
    ):
        hours_by_location.setdefault(hours.location_id, []).append(hours)
    closures = list(
        Closure.objects.filter(
            starts_on__lte=today, ends_on__gte=today - datetime.timedelta(days=1)
        )
    )
    shared = [c for c in closures if c.location_id is None]
    open_ids = {
        location_id
        for location_id, hours in hours_by_location.items()
        if opening.state_at(
            moment,
            hours,
            shared + [c for c in closures if c.location_id == location_id],
        ).is_open
    }
    cache.set(key, open_ids, timeout=60)
    return open_ids


def listed_services(directory):
    """The services a directory lists: live, public, not withdrawn."""
    # The directory page itself was served, so its ancestors are public; a
    # restriction can only sit on a service, which the join below excludes
    # without the extra query Wagtail's .public() makes.
    return (
        ServicePage.objects.child_of(directory)
        .live()
        .filter(view_restrictions__isnull=True)
        .exclude(status=ServicePage.Status.INACTIVE)
    )


def apply_filters(services, filters, open_ids):
    if filters.category:
        services = services.filter(
            Q(categories__slug=filters.category)
            | Q(categories__parent__slug=filters.category)
        )
    if filters.audience:
        services = services.filter(target_groups__slug=filters.audience)
    if filters.municipality:
        services = services.filter(service_areas__slug=filters.municipality)
    if filters.language:
        services = services.filter(languages__code=filters.language)
    if filters.free:
        services = services.filter(is_free=True)
    if filters.open_now:
        services = services.filter(service_locations__location_id__in=open_ids)
    return services.distinct()


def text_matches(services, query):
    """Primary keys of services matching the text, best first."""
    results = services.search(query, operator="and")[:MAX_TEXT_MATCHES]
    ranked = [service.pk for service in results]
    if not ranked:
        # Every word is required first; if that finds nothing, any word will do.
        results = services.search(query, operator="or")[:MAX_TEXT_MATCHES]
        ranked = [service.pk for service in results]
    return ranked


def flat_facets(filters, narrowed, locale_id):
    """Target groups, municipalities and languages with their counts, in one
    query (a UNION ALL of three grouped selects)."""

    def counted(model, name, key, services, **where):
        return (
            model.objects.filter(**where)
            .annotate(
                facet=Value(name, output_field=CharField()),
                count=Count("services", filter=Q(services__in=services), distinct=True),
            )
            .values_list("facet", key, "name", "count")
            .order_by()
        )

    rows = counted(
        TargetGroup, "audience", "slug", narrowed("audience"), locale_id=locale_id
    ).union(
        counted(
            Municipality,
            "municipality",
            "slug",
            narrowed("municipality"),
            locale_id=locale_id,
        ),
        counted(Language, "language", "code", narrowed("language")),
        all=True,
    )
    facets = {"audience": [], "municipality": [], "language": []}
    for facet, value, label, count in rows:
        selected = getattr(filters, facet) == value
        if count or selected:
            facets[facet].append(FacetValue(value, label, count, selected))
    for values in facets.values():
        values.sort(key=lambda value: value.label)
    return facets


def category_facet(services, locale_id, selected):
    """Categories as a tree: a parent counts the services of its children too."""
    categories = list(Category.objects.filter(locale_id=locale_id))
    parent_of = {category.pk: category.parent_id for category in categories}
    members = {category.pk: set() for category in categories}
    for service_id, category_id in ServicePage.categories.through.objects.filter(
        servicepage_id__in=services
    ).values_list("servicepage_id", "category_id"):
        if category_id in members:
            members[category_id].add(service_id)
            if parent_of[category_id] in members:
                members[parent_of[category_id]].add(service_id)
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    values = []

    def visit(parent_id, depth):
        for category in sorted(
            children.get(parent_id, []), key=lambda c: (c.sort_order, c.name)
        ):
            count = len(members[category.pk])
            if count or category.slug == selected:
                values.append(
                    FacetValue(
                        category.slug,
                        category.name,
                        count,
                        category.slug == selected,
                        depth,
                    )
                )
            visit(category.pk, depth + 1)

    visit(None, 0)
    return values


def search(directory, filters, locale_id, moment=None):
    """The services matching the filters, with facet counts; a bounded number
    of queries whatever the size of the directory."""
    base = listed_services(directory)
    open_ids = open_location_ids(moment)
    searchable = ServicePage.objects.child_of(directory).live()
    ranked = text_matches(searchable, filters.q) if filters.q else None
    if ranked is not None:
        base = base.filter(pk__in=ranked)

    def narrowed(without):
        return apply_filters(base, filters.without(without), open_ids).values("pk")

    is_free = Q(is_free=True)
    is_open = Q(service_locations__location_id__in=open_ids)
    counts = apply_filters(
        base, filters.without("free").without("open_now"), open_ids
    ).aggregate(
        total=Count(
            "pk",
            filter=(is_free if filters.free else Q())
            & (is_open if filters.open_now else Q()),
            distinct=True,
        ),
        free=Count(
            "pk", filter=is_free & (is_open if filters.open_now else Q()), distinct=True
        ),
        open_now=Count(
            "pk", filter=is_open & (is_free if filters.free else Q()), distinct=True
        ),
    )
    services = apply_filters(base, filters, open_ids).select_related("organisation")
    if ranked is not None:
        position = {pk: index for index, pk in enumerate(ranked)}
        services = sorted(services, key=lambda service: position[service.pk])
    else:
        services = services.order_by("title")
    return DirectoryResults(
        filters=filters,
        services=services,
        facets={
            "category": category_facet(
                narrowed("category"), locale_id, filters.category
            ),
            **flat_facets(filters, narrowed, locale_id),
        },
        total=counts["total"],
        free_count=counts["free"],
        open_now_count=counts["open_now"],
    )
