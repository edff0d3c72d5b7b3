"""Find services in the directory: free text plus facets that combine.

Every facet counts what choosing one of its values would give under the
other filters in force, so that no choice leads to an empty page unawares.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import opening
from directory.models import (
    Category,
    Closure,
    Language,
    Municipality,
    OpeningHours,
    ServiceAtLocation,
    ServicePage,
    TargetGroup,
)
from portal import chrome, searchengine
from portal.search import clean_query

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
    corrections: dict = field(default_factory=dict)


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


@dataclass
class Catalogue:
    """What the directory lists and how each service answers every filter,
    read in a few queries and kept per process until content changes.

    Facet counts then come from set intersections: the same handful of
    queries for ten services or ten thousand, and no COUNT per facet value.
    """

    by_title: list  # service ids in the order of their titles
    listed: frozenset
    free: frozenset
    members: dict  # facet name -> {value: frozenset(service ids)}
    labels: dict  # facet name -> [(value, label, sort key)]
    locations: dict  # location id -> frozenset(service ids)
    category_parent: dict  # category slug -> parent slug


def _group(pairs):
    grouped = {}
    for service_id, value in pairs:
        grouped.setdefault(value, set()).add(service_id)
    return {value: frozenset(ids) for value, ids in grouped.items()}


def build_catalogue(directory):
    listed = listed_services(directory)
    rows = list(listed.order_by("title", "pk").values_list("pk", "is_free"))
    ids = listed.values("pk")
    through = ServicePage.categories.through.objects.filter(servicepage_id__in=ids)
    categories = list(
        Category.objects.filter(locale_id=directory.locale_id).values_list(
            "pk", "slug", "name", "parent_id", "sort_order"
        )
    )
    slug_of = {pk: slug for pk, slug, *_ in categories}
    members = {
        "category": _group(
            (service, slug_of[category])
            for service, category in through.values_list(
                "servicepage_id", "category_id"
            )
            if category in slug_of
        ),
        "audience": _group(
            ServicePage.target_groups.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "targetgroup__slug")
        ),
        "municipality": _group(
            ServicePage.service_areas.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "municipality__slug")
        ),
        "language": _group(
            ServicePage.languages.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "language__code")
        ),
    }
    labels = {
        "category": [
            (slug, name, (order, name))
            for _pk, slug, name, _parent, order in categories
        ],
        "audience": [
            (slug, name, name)
            for slug, name in TargetGroup.objects.filter(
                locale_id=directory.locale_id
            ).values_list("slug", "name")
        ],
        "municipality": [
            (slug, name, name)
            for slug, name in Municipality.objects.filter(
                locale_id=directory.locale_id
            ).values_list("slug", "name")
        ],
        "language": [
            (code, name, name)
            for code, name in Language.objects.values_list("code", "name")
        ],
    }
    locations = _group(
        (service, location)
        for service, location in ServiceAtLocation.objects.filter(
            service_id__in=ids
        ).values_list("service_id", "location_id")
    )
    return Catalogue(
        by_title=[pk for pk, _free in rows],
        listed=frozenset(pk for pk, _free in rows),
        free=frozenset(pk for pk, free in rows if free),
        members=members,
        labels=labels,
        locations=locations,
        category_parent={
            slug_of[pk]: slug_of.get(parent) for pk, _s, _n, parent, _o in categories
        },
    )


_catalogues = {}


def catalogue(directory):
    stamp = (directory.pk, chrome.version())
    found = _catalogues.get(stamp)
    if found is None:
        found = build_catalogue(directory)
        for old in [key for key in _catalogues if key[1] != stamp[1]]:
            del _catalogues[old]
        _catalogues[stamp] = found
    return found


def _category_members(catalogue, slug):
    """A category's services, with those of the categories under it."""
    found = set(catalogue.members["category"].get(slug, ()))
    for child, parent in catalogue.category_parent.items():
        if parent == slug:
            found |= _category_members(catalogue, child)
    return found


def _allowed(catalogue, filters, open_services, without=None):
    """The services that pass every filter but ``without``, as a set."""
    chosen = set(catalogue.listed)
    for name in FACETS:
        value = getattr(filters, name)
        if not value or name == without:
            continue
        if name == "category":
            chosen &= _category_members(catalogue, value)
        else:
            chosen &= catalogue.members[name].get(value, frozenset())
    if filters.free and without != "free":
        chosen &= catalogue.free
    if filters.open_now and without != "open_now":
        chosen &= open_services
    return chosen


def _facet(catalogue, name, pool, selected):
    counts = {}
    if name == "category":
        for value, _label, _sort in catalogue.labels[name]:
            counts[value] = len(pool & _category_members(catalogue, value))
    else:
        for value, services in catalogue.members[name].items():
            counts[value] = len(pool & services)
    values = [
        FacetValue(value, label, counts.get(value, 0), value == selected)
        for value, label, _sort in sorted(catalogue.labels[name], key=lambda v: v[2])
        if counts.get(value) or value == selected
    ]
    if name == "category":
        return _as_tree(catalogue, values)
    return values


def _as_tree(catalogue, values):
    """Categories in tree order, each child after its parent, indented."""
    ordered = []

    def visit(parent, depth):
        for value in values:
            if catalogue.category_parent.get(value.value) == parent:
                value.depth = depth
                ordered.append(value)
                visit(value.value, depth + 1)

    visit(None, 0)
    # A chosen child whose parent counts nothing still shows.
    ordered.extend(value for value in values if value not in ordered)
    return ordered


class RankedServices:
    """A sequence of services in rank order that loads only the slice a
    page of results shows."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        found = ServicePage.objects.filter(pk__in=ids).select_related("organisation")
        by_id = {service.pk: service for service in found}
        return [by_id[pk] for pk in ids if pk in by_id]


def search(directory, filters, locale_id, moment=None):
    """The services matching the filters, with facet counts; a bounded number
    of queries whatever the size of the directory."""
    listing = catalogue(directory)
    open_services = set()
    for location in open_location_ids(moment):
        open_services |= listing.locations.get(location, frozenset())
    found = None
    if filters.q:
        found = searchengine.find(filters.q, locale_id, allowed=listing.listed)
        text = set(found.ranked)
    else:
        text = set(listing.listed)

    def pool(without=None):
        return _allowed(listing, filters, open_services, without) & text

    chosen = pool()
    order = found.ranked if found is not None else listing.by_title
    return DirectoryResults(
        filters=filters,
        services=RankedServices([pk for pk in order if pk in chosen]),
        facets={
            name: _facet(listing, name, pool(name), getattr(filters, name))
            for name in FACETS
        },
        total=len(chosen),
        free_count=len(pool("free") & listing.free),
        open_now_count=len(pool("open_now") & open_services),
        corrections=found.corrections if found is not None else {},
    )
