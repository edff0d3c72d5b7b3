"""The filters of the event list, month view and feed: parsing and querying.

Bad input never raises: a value that cannot be understood is dropped and a
message says so, and the rest of the filters still apply.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from directory.models import Category, Location, Municipality, TargetGroup
from events import caching, recurrence
from events.models import EventOccurrence, EventPage

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_VIEW_LIMIT = 600  # occurrences read for one month's table
MONTH_VIEW_PER_DAY = 4  # drawn in a day's cell; the rest are a link to the list
FEED_LIMIT = 1000
YEARS_WITHIN_REACH = 20  # dates and months further away are not understood
# What a line of the list shows of an occurrence: its event's title, address,
# times, status and place, and nothing of its body.
LIST_FIELDS = [
    "start",
    "end",
    "status",
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


def local_midnight(day):
    return recurrence.localise(datetime.datetime.combine(day, datetime.time()))


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
        queryset = queryset.filter(
            event_id__in=EventPage.categories.through.objects.filter(
                category__slug=filters.category
            ).values("eventpage_id")
        )
    if filters.audience:
        queryset = queryset.filter(
            event_id__in=EventPage.audience.through.objects.filter(
                targetgroup__slug=filters.audience
            ).values("eventpage_id")
        )
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


def occurrences_for(locale_id, filters, now=None):
    """The occurrences a list or feed shows, ordered as a reader expects."""
    queryset = filter_occurrences(
        EventOccurrence.objects.live().in_locale(locale_id).with_event(), filters
    )
    since, until = date_window(filters, now)
    if since is not None:
        queryset = queryset.filter(end__gte=since)
    if until is not None:
        queryset = queryset.filter(start__lt=until)
    if filters.is_past:
        return queryset.order_by("-start", "-pk")
    return queryset.order_by("start", "pk")


def list_page(locale_id, filters, number, per_page, now=None):
    """One page of the list view: a paginator page of occurrences.

    The page's ids are found by a narrow query (sorting and skipping thousands
    of rows with every column of the event, its place and municipality is
    what made deep pages slow); they and the total are then kept in the cache
    for a minute, and only the page's rows are read with their event.
    """
    ids_query = occurrences_for(locale_id, filters, now).values_list("pk", flat=True)
    paginator = Paginator(ids_query, per_page)

    def page_ids():
        page = paginator.get_page(number)
        return paginator.count, page.number, list(page.object_list)

    paginator.count, number, ids = caching.remember(
        "list",
        (locale_id, *filters.state(), number, per_page, caching.minute()),
        page_ids,
    )
    rows = EventOccurrence.objects.select_related(
        "event", "event__location", "event__location__municipality"
    ).only(*LIST_FIELDS)
    by_id = {row.pk: row for row in rows.filter(pk__in=ids)} if ids else {}
    return PaginatorPage([by_id[pk] for pk in ids if pk in by_id], number, paginator)


def parse_month(value, today):
    """(year, month) from "2026-11", or None when the text is not a month."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and abs(year - today.year) <= YEARS_WITHIN_REACH):
        return None
    return year, month


def shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class CalendarEntry:
    """What a day's cell of the month view shows of one occurrence; the time
    is kept as text, as the cell shows it."""

    title: str
    url: str
    all_day: bool
    is_cancelled: bool
    is_postponed: bool
    iso_start: str  # 2026-11-24T10:00:00+02:00
    time: str  # 10:00


@dataclass
class MonthView:
    year: int
    month: int
    weeks: list  # of weeks, each 7 (date or None, [CalendarEntry], more) cells
    previous: str
    next: str
    truncated: bool = False

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)


def month_view(locale_id, filters, year, month, event_urls):
    """A month's occurrences laid out in weeks starting on Monday.

    ``event_urls`` maps the events' url_paths to their addresses. A busy month
    has hundreds of occurrences and a cell shows four: the rows are read as
    plain values, and only the ones shown become entries with an address.
    """
    first = datetime.date(year, month, 1)
    next_year, next_month = shift_month(year, month, 1)
    after = datetime.date(next_year, next_month, 1)
    rows = list(
        filter_occurrences(EventOccurrence.objects.live().in_locale(locale_id), filters)
        .filter(start__lt=local_midnight(after), end__gt=local_midnight(first))
        .order_by("start", "pk")
        .values_list(
            "start",
            "status",
            "event__title",
            "event__url_path",
            "event__all_day",
            "event__status",
        )[: MONTH_VIEW_LIMIT + 1]
    )
    truncated = len(rows) > MONTH_VIEW_LIMIT
    by_day = {}
    for row in rows[:MONTH_VIEW_LIMIT]:
        day = max(timezone.localtime(row[0]).date(), first)
        by_day.setdefault(day, []).append(row)
    shown = [
        row for day_rows in by_day.values() for row in day_rows[:MONTH_VIEW_PER_DAY]
    ]
    urls = event_urls({row[3] for row in shown})

    def entry(row):
        start, status, title, url_path, all_day, event_status = row
        local_start = timezone.localtime(start)
        return CalendarEntry(
            iso_start=local_start.isoformat(),
            time=f"{local_start:%H:%M}",
            title=title,
            url=urls.get(url_path, ""),
            all_day=all_day,
            is_cancelled=(
                status == EventOccurrence.Status.CANCELLED
                or event_status == EventPage.Status.CANCELLED
            ),
            is_postponed=event_status == EventPage.Status.POSTPONED,
        )

    weeks = [
        [
            (
                day if day.month == month else None,
                [entry(row) for row in by_day.get(day, [])[:MONTH_VIEW_PER_DAY]],
                max(len(by_day.get(day, [])) - MONTH_VIEW_PER_DAY, 0),
            )
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = "{:04d}-{:02d}".format(*shift_month(year, month, -1))
    following = f"{next_year:04d}-{next_month:02d}"
    return MonthView(year, month, weeks, previous, following, truncated)


def event_urls(index, request, url_paths):
    """{url_path: address} of event pages, without loading them.

    An event's address is its index page's address followed by the rest of
    its url_path; events elsewhere in the tree (if any) are read in one query.
    """
    base = index.get_url(request) or ""
    urls, elsewhere = {}, []
    for url_path in url_paths:
        if base and url_path.startswith(index.url_path):
            urls[url_path] = base + url_path[len(index.url_path) :]
        else:
            elsewhere.append(url_path)
    if elsewhere:
        for page in Page.objects.filter(url_path__in=elsewhere):
            urls[page.url_path] = page.get_url(request) or ""
    return urls


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
