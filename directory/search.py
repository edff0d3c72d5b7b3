"""Find services in the directory: free text plus facets that combine.

Every facet counts what choosing one of its values would give under the
other filters in force, so that no choice leads to an empty page unawares.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from core import chrome
from directory import calendar, languages, opening, review
from directory.models.locations import Location, OpeningHours
from directory.models.taxonomy import Category, Language, Municipality, TargetGroup
from search import analysis, engine
from search.analysis import sort_key
from search.query import clean_query

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
    days = calendar.Calendar.between(today - datetime.timedelta(days=1), today)
    open_ids = {
        location_id
        for location_id, hours in hours_by_location.items()
        if opening.state_at(moment, hours, days.for_location(location_id)).is_open
    }
    cache.set(key, open_ids, timeout=60)
    return open_ids


@dataclass
class Catalogue:
    """What the directory lists and how each service answers every filter,
    read in a few queries and kept per process until content changes.

    A set of services is a bitmask over the services in title order (bit i
    is ``by_title[i]``): combining filters is an AND of integers and a facet
    count is a population count, microseconds for ten thousand services,
    with no COUNT query per facet value.
    """

    by_title: list  # service ids in the order of their titles
    position: dict  # service id -> bit
    listed: int
    free: int
    members: dict  # facet name -> {value: mask}
    labels: dict  # facet name -> [(value, label, sort key)]
    locations: dict  # location id -> mask
    category_parent: dict  # category slug -> parent slug
    model: type = None  # the service page model
    # Services listed by their page in the default language, not yet
    # translated into the directory's (a mask), and that language.
    untranslated: int = 0
    original_locale_id: int | None = None
    # (first day out of date, service id) of the services that were ever
    # checked (directory.review.stale_from), earliest first: the state
    # changes with the date, so it is worked out per day, not kept here.
    stale_from: list = field(default_factory=list)
    _stale: tuple = (None, 0)  # (day, mask) last worked out

    def out_of_date(self, today):
        """The services out of date on ``today`` (an Athens date), as a
        mask; worked out once a day per catalogue."""
        day, mask = self._stale
        if day != today:
            mask = self.mask(pk for start, pk in self.stale_from if start <= today)
            self._stale = (today, mask)
        return mask

    def mask(self, service_ids):
        position = self.position
        mask = 0
        for pk in service_ids:
            if pk in position:
                mask |= 1 << position[pk]
        return mask

    def ids(self, mask):
        """The services of a mask, in title order."""
        bits = bin(mask)[:1:-1]  # lowest bit first
        return [self.by_title[i] for i, bit in enumerate(bits) if bit == "1"]

    def contains(self, mask, pk):
        return pk in self.position and mask >> self.position[pk] & 1


def _group(pairs):
    grouped = {}
    for service_id, value in pairs:
        grouped.setdefault(value, set()).add(service_id)
    return grouped


def build_catalogue(directory):
    """The directory's catalogue; ``directory.listed_services()`` gives the
    services, and their model the many-to-many tables read here."""
    listed = directory.listed_services()
    service = listed.model
    rows = list(
        listed.order_by("sort_title", "title", "pk").values_list(
            "pk", "is_free", "locale_id", "last_reviewed", "review_interval"
        )
    )
    # The services in the directory's language first, then those not yet
    # translated (in Greek), each group in alphabetical order.
    rows.sort(key=lambda row: row[2] != directory.locale_id)
    ids = listed.values("pk")
    through = service.categories.through.objects.filter(servicepage_id__in=ids)
    categories = list(
        Category.objects.filter(locale_id=directory.locale_id).values_list(
            "pk", "slug", "name", "parent_id", "sort_order"
        )
    )
    slug_of = {pk: slug for pk, slug, *_ in categories}
    # A service listed by its page in another language (not yet translated)
    # has that language's categories; slugs are the same in every language.
    slug_of_any = dict(
        Category.objects.filter(pk__in=through.values("category_id")).values_list(
            "pk", "slug"
        )
    )
    members = {
        "category": _group(
            (service, slug_of_any[category])
            for service, category in through.values_list(
                "servicepage_id", "category_id"
            )
        ),
        "audience": _group(
            service.target_groups.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "targetgroup__slug")
        ),
        "municipality": _group(
            service.service_areas.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "municipality__slug")
        ),
        "language": _group(
            service.languages.through.objects.filter(
                servicepage_id__in=ids
            ).values_list("servicepage_id", "language__code")
        ),
    }
    labels = {
        "category": [
            (slug, name, (order, sort_key(name), name))
            for _pk, slug, name, _parent, order in categories
        ],
        "audience": [
            (slug, name, (sort_key(name), name))
            for slug, name in TargetGroup.objects.filter(
                locale_id=directory.locale_id
            ).values_list("slug", "name")
        ],
        "municipality": [
            (slug, name, (sort_key(name), name))
            for slug, name in Municipality.objects.filter(
                locale_id=directory.locale_id
            ).values_list("slug", "name")
        ],
        # Sorted when shown, by their names in the reader's language.
        "language": [
            (code, name, None)
            for code, name in Language.objects.values_list("code", "name")
        ],
    }
    locations = _group(
        (service_id, location_id)
        for location_id, service_id in Location.objects.filter(
            service_links__service_id__in=ids
        ).values_list("pk", "service_links__service_id")
    )
    parent_of = {
        slug_of[pk]: slug_of.get(parent) for pk, _s, _n, parent, _o in categories
    }
    rolled = {slug: set(ids) for slug, ids in members["category"].items()}
    for slug, ids in members["category"].items():
        parent = parent_of.get(slug)
        while parent is not None:  # a topic counts the services of its subtopics
            rolled.setdefault(parent, set()).update(ids)
            parent = parent_of.get(parent)
    members["category"] = rolled
    by_title = [pk for pk, *_rest in rows]
    listing = Catalogue(
        by_title=by_title,
        position={pk: index for index, pk in enumerate(by_title)},
        listed=(1 << len(by_title)) - 1,
        free=0,
        members={},
        labels=labels,
        locations={},
        category_parent=parent_of,
        model=service,
    )
    listing.free = listing.mask(pk for pk, free, *_rest in rows if free)
    listing.untranslated = listing.mask(
        pk for pk, _free, locale, *_rest in rows if locale != directory.locale_id
    )
    listing.original_locale_id = next(
        (
            locale
            for _pk, _free, locale, *_rest in rows
            if locale != directory.locale_id
        ),
        None,
    )
    listing.stale_from = sorted(
        (start, pk)
        for pk, _free, _locale, reviewed, interval in rows
        if (start := review.stale_from(reviewed, interval)) is not None
    )
    listing.members = {
        name: {value: listing.mask(ids) for value, ids in values.items()}
        for name, values in members.items()
    }
    listing.locations = {
        location: listing.mask(ids) for location, ids in locations.items()
    }
    return listing


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


def _allowed(catalogue, filters, open_services, without=None):
    """The services that pass every filter but ``without``, as a mask."""
    chosen = catalogue.listed
    for name in FACETS:
        value = getattr(filters, name)
        if not value or name == without:
            continue
        chosen &= catalogue.members[name].get(value, 0)
    if filters.free and without != "free":
        chosen &= catalogue.free
    if filters.open_now and without != "open_now":
        chosen &= open_services
    return chosen


def _facet(catalogue, name, pool, selected):
    counts = {
        value: (pool & services).bit_count()
        for value, services in catalogue.members[name].items()
    }
    labels = catalogue.labels[name]
    if name == "language":
        order = languages.in_reading_order([code for code, _label, _s in labels])
        ranks = {code: rank for rank, code in enumerate(order)}
        labels = [(code, label, ranks[code]) for code, label, _s in labels]
    values = [
        FacetValue(value, label, counts.get(value, 0), value == selected)
        for value, label, _sort in sorted(labels, key=lambda v: v[2])
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
    page of results shows, from ``services`` (a queryset of them)."""

    def __init__(self, ids, services):
        self.ids = ids
        self.services = services

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        found = (
            self.services.filter(pk__in=ids)
            .select_related("organisation")
            .defer("description", "application_steps", "eligibility", "fees")
        )
        by_id = {service.pk: service for service in found}
        return [by_id[pk] for pk in ids if pk in by_id]


def _topic_matches(listing, query):
    """Services not yet translated whose topics, named in the directory's
    language, answer every word of the query (or a synonym of it): "electricity"
    finds the Greek page of the social electricity tariff, in "Electricity,
    water and heating", on the English directory."""
    slots = analysis.query_slots(query, engine.synonym_pairs())
    if not slots or not listing.untranslated:
        return 0

    def answers(slot, terms):
        if slot.terms & terms or any(
            group <= terms for group in slot.synonyms if group
        ):
            return True
        return bool(slot.prefix) and any(term.startswith(slot.prefix) for term in terms)

    found = 0
    for slug, name, _sort in listing.labels["category"]:
        terms = {term for term, _key in analysis.document_terms([(name, 1)])}
        if all(answers(slot, terms) for slot in slots):
            found |= listing.members["category"].get(slug, 0)
    return found & listing.untranslated


def untranslated_by_topic(directories, query):
    """Ids of the services the ``directories`` list not yet translated whose
    topics, named in each directory's language, answer the query: what the
    site search adds to their Greek text (see ``_topic_matches``)."""
    found = []
    for directory in directories:
        listing = catalogue(directory)
        found += listing.ids(_topic_matches(listing, query))
    return found


def _text_matches(listing, query, locale_id):
    """(service ids best first, spelling corrections) for a query: the
    services of the directory's language by their text, then those not yet
    translated, by their Greek text and by the names of their topics."""
    found = engine.find(query, locale_id, allowed=listing.position)
    ranked = list(found.ranked)
    if listing.untranslated:
        original = engine.find(
            query, listing.original_locale_id, allowed=listing.position
        )
        seen = set(ranked)
        ranked += [pk for pk in original.ranked if pk not in seen]
        seen.update(original.ranked)
        ranked += [
            pk for pk in listing.ids(_topic_matches(listing, query)) if pk not in seen
        ]
    return ranked, found.corrections


def athens_date(moment=None):
    """The Athens date of ``moment`` (an aware datetime; now by default)."""
    return (moment or timezone.now()).astimezone(opening.ATHENS).date()


def search(directory, filters, locale_id, moment=None):
    """The services matching the filters, with facet counts; a bounded number
    of queries whatever the size of the directory.

    Services out of date (directory.review) on ``moment``'s day come after
    the others, in the same order among themselves (#25)."""
    listing = catalogue(directory)
    open_services = 0
    for location in open_location_ids(moment):
        open_services |= listing.locations.get(location, 0)
    ranked, corrections = None, {}
    if filters.q:
        ranked, corrections = _text_matches(listing, filters.q, locale_id)
        text = listing.mask(ranked)
    else:
        text = listing.listed

    pools = {}

    def pool(without=None):
        """What every filter but ``without`` leaves; a filter not in use
        leaves the same as all of them."""
        if without is not None and not getattr(filters, without):
            without = None
        if without not in pools:
            pools[without] = _allowed(listing, filters, open_services, without) & text
        return pools[without]

    chosen = pool()
    # Out-of-date services come after the others, each part in its order.
    stale = listing.out_of_date(athens_date(moment)) & chosen
    if ranked is not None:
        ordered = [pk for pk in ranked if listing.contains(chosen, pk)]
        if stale:
            ordered = [pk for pk in ordered if not listing.contains(stale, pk)] + [
                pk for pk in ordered if listing.contains(stale, pk)
            ]
    else:
        ordered = listing.ids(chosen & ~stale) + listing.ids(stale)
    return DirectoryResults(
        filters=filters,
        services=RankedServices(ordered, listing.model.objects),
        facets={
            name: _facet(listing, name, pool(name), getattr(filters, name))
            for name in FACETS
        },
        total=chosen.bit_count(),
        free_count=(pool("free") & listing.free).bit_count(),
        open_now_count=(pool("open_now") & open_services).bit_count(),
        corrections=corrections,
    )
