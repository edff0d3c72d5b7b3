"""The filters of the event list, month view and feed: parsing and querying.

Bad input never raises: a value that cannot be understood is dropped and a
message says so, and the rest of the filters still apply. The functions take
the occurrences to filter (``EventOccurrence.objects...``) from the page that
asks, so this module needs no page model.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Category, Location, Municipality, TargetGroup
from events import caching, recurrence

FEED_LIMIT = 1000
FEED_PAST_DAYS = 31  # a feed reaches this far back at most
FEED_AHEAD_DAYS = 366  # and this far ahead
YEARS_WITHIN_REACH = 20  # dates and months further away are not understood
# What a line of the list shows of an occurrence: its event's title, address,
# times, status and place, and nothing of its body.
LIST_FIELDS = [
    "start",
    "end",
    "status",
    "reason",
    "planned_start",
    "planned_end",
    "event__title",
    "event__url_path",
    "event__path",
    "event__depth",
    "event__locale_id",
    "event__content_type_id",
    "event__all_day",
    "event__status",
    "event__online_url",
    "event__location__name",
    "event__location__municipality__name",
]
IN_PERSON_KINDS = [Location.Kind.OFFICE, Location.Kind.MOBILE_STOP]


class EventFilterForm(forms.Form):
    WHEN_CHOICES = [
        ("", _("Upcoming")),
        ("today", _("Today")),
        ("week", _("This week")),
        ("month", _("This month")),
        ("range", _("Choose dates")),
        ("past", _("Past events")),
    ]
    ATTENDANCE_CHOICES = [
        ("", _("Online or in person")),
        ("in_person", _("In person")),
        ("online", _("Online")),
    ]

    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    category = forms.ChoiceField(label=_("Topic"), required=False)
    audience = forms.ChoiceField(label=_("For"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    location = forms.ChoiceField(label=_("Place"), required=False)
    attendance = forms.ChoiceField(
        label=_("Online or in person"), choices=ATTENDANCE_CHOICES, required=False
    )

    def __init__(self, data, locale_id, **kwargs):
        super().__init__(data, **kwargs)
        choices = filter_choices(locale_id)
        for name in ("category", "audience", "municipality", "location"):
            self.fields[name].choices = [("", _("All")), *choices.get(name, [])]

    def clean_start(self):
        return within_reach(self.cleaned_data["start"])

    def clean_end(self):
        return within_reach(self.cleaned_data["end"])


def within_reach(day):
    """A date no further than YEARS_WITHIN_REACH from today (year 1 or 9999
    cannot even be turned into a time of day in Athens)."""
    if (
        day is not None
        and abs(day.year - timezone.localdate().year) > YEARS_WITHIN_REACH
    ):
        raise forms.ValidationError(
            _("This date is too far away."), code="out_of_range"
        )
    return day


def filter_choices(locale_id):
    """{filter name: [(slug, name)]} of the terms in a language (cached)."""
    return caching.remember("choices", (locale_id,), lambda: read_choices(locale_id))


def read_choices(locale_id):
    """{filter name: [(slug, name)]} of the terms in a language, in one query."""

    def terms(model, name, **filters):
        order = models.F("sort_order") if name != "location" else models.Value(0)
        return (
            model.objects.filter(locale_id=locale_id, **filters)
            .order_by()
            .annotate(filter_name=models.Value(name), order=order)
            .values_list("filter_name", "order", "name", "slug")
        )

    query = terms(Category, "category").union(
        terms(TargetGroup, "audience"),
        terms(Municipality, "municipality"),
        terms(Location, "location", kind__in=IN_PERSON_KINDS),
        all=True,
    )
    choices = {}
    for name, _order, label, slug in sorted(query):
        choices.setdefault(name, []).append((slug, label))
    return choices


@dataclass
class EventFilters:
    """What a visitor asked for, once understood."""

    when: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    category: str = ""
    audience: str = ""
    municipality: str = ""
    location: str = ""
    attendance: str = ""
    messages: list = field(default_factory=list)

    @property
    def is_past(self):
        return self.when == "past"

    def state(self):
        """What was asked, without the messages: part of cache keys."""
        return (
            self.when,
            self.start,
            self.end,
            self.category,
            self.audience,
            self.municipality,
            self.location,
            self.attendance,
        )

    @property
    def is_filtered(self):
        return any(
            (
                self.when,
                self.category,
                self.audience,
                self.municipality,
                self.location,
                self.attendance,
            )
        )


def parse_filters(form):
    """EventFilters from a bound form, dropping fields it could not understand."""
    form.is_valid()
    values = {}
    messages = []
    for name in form.fields:
        if name in form.errors:
            messages.append(
                _("“%(label)s” was not understood and has been ignored.")
                % {"label": form.fields[name].label}
            )
            continue
        values[name] = form.cleaned_data.get(name) or (
            None if name in ("start", "end") else ""
        )
    filters = EventFilters(**values, messages=messages)
    if filters.start and filters.end and filters.end < filters.start:
        filters.messages.append(
            _("The end date was before the start date, so the dates were ignored.")
        )
        filters.start = filters.end = None
    if (filters.start or filters.end) and filters.when in ("", "range"):
        filters.when = "range"
    elif filters.when == "range" and not (filters.start or filters.end):
        filters.when = ""
    return filters


local_midnight = recurrence.local_midnight


def date_window(filters, now=None):
    """(from, until) aware datetimes for the date filter; either may be None."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    one_day = datetime.timedelta(days=1)
    if filters.when == "today":
        return now, local_midnight(today + one_day)
    if filters.when == "week":
        sunday = today + datetime.timedelta(days=6 - today.weekday())
        return now, local_midnight(sunday + one_day)
    if filters.when == "month":
        last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        return now, local_midnight(last + one_day)
    if filters.when == "range":
        return (
            local_midnight(filters.start) if filters.start else now,
            local_midnight(filters.end + one_day) if filters.end else None,
        )
    if filters.when == "past":
        return None, now
    return now, None


def filter_occurrences(queryset, filters):
    """Apply every filter but the dates to a queryset of occurrences."""
    if filters.category:
        queryset = queryset.filter(event__categories__slug=filters.category)
    if filters.audience:
        queryset = queryset.filter(event__audience__slug=filters.audience)
    if filters.municipality:
        queryset = queryset.filter(
            event__location__municipality__slug=filters.municipality
        )
    if filters.location:
        queryset = queryset.filter(event__location__slug=filters.location)
    if filters.attendance == "online":
        queryset = queryset.filter(event__location__isnull=True).exclude(
            event__online_url=""
        )
    elif filters.attendance == "in_person":
        queryset = queryset.filter(event__location__isnull=False)
    return queryset


def occurrences_for(occurrences, filters, now=None):
    """The occurrences a list shows, ordered as a reader expects."""
    queryset = filter_occurrences(occurrences.with_event(), filters)
    since, until = date_window(filters, now)
    if since is not None:
        queryset = queryset.filter(end__gte=since)
    if until is not None:
        queryset = queryset.filter(start__lt=until)
    if filters.is_past:
        return queryset.order_by("-start", "-pk")
    return queryset.order_by("start", "pk")


def feed_window(filters, now=None):
    """(from, until) of a feed: the list's dates, held within a month back
    and a year ahead, so that a feed (and its cache key) stays bounded."""
    now = now or timezone.now()
    since, until = date_window(filters, now)
    earliest = now - datetime.timedelta(days=FEED_PAST_DAYS)
    latest = now + datetime.timedelta(days=FEED_AHEAD_DAYS)
    since = min(max(since or earliest, earliest), latest)
    until = max(min(until or latest, latest), since)
    return since, until


def feed_occurrences(occurrences, filters, now=None):
    """What a feed holds: the filtered occurrences in its window, in order."""
    since, until = feed_window(filters, now)
    return (
        filter_occurrences(occurrences.with_event(), filters)
        .filter(end__gte=since, start__lt=until)
        .order_by("start", "pk")[:FEED_LIMIT]
    )


def list_page(occurrences, locale_id, filters, number, per_page, now=None):
    """One page of the list view: a paginator page of occurrences.

    The page's ids are found by a narrow query (sorting and skipping thousands
    of rows with every column of the event, its place and municipality is
    what made deep pages slow); they and the total are then kept in the cache
    for a minute, and only the page's rows are read with their event.
    """
    ids_query = occurrences_for(occurrences, filters, now).values_list("pk", flat=True)
    paginator = Paginator(ids_query, per_page)

    def page_ids():
        page = paginator.get_page(number)
        return paginator.count, page.number, list(page.object_list)

    paginator.count, number, ids = caching.remember(
        "list",
        (locale_id, *filters.state(), number, per_page, caching.minute()),
        page_ids,
    )
    rows = occurrences.model.objects.select_related(
        "event", "event__location", "event__location__municipality"
    ).only(*LIST_FIELDS)
    by_id = {row.pk: row for row in rows.filter(pk__in=ids)} if ids else {}
    return PaginatorPage([by_id[pk] for pk in ids if pk in by_id], number, paginator)


def group_by_day(occurrences):
    """[(date, [occurrences])] in the order given."""
    groups = []
    for occurrence in occurrences:
        day = occurrence.local_start.date()
        if groups and groups[-1][0] == day:
            groups[-1][1].append(occurrence)
        else:
            groups.append((day, [occurrence]))
    return groups
