import datetime

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site
from wagtail.search import index

from portal.mixins import PageMetadataMixin

OCCURRENCES_PER_PAGE = 20
MOBILE_UNIT_DAYS_AHEAD = 62
MOBILE_UNIT_LIMIT = 300


class EventIndexPage(RoutablePageMixin, PageMetadataMixin, Page):
    """What's on: upcoming occurrences by day, a month view, past events, feed."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def __str__(self):
        return self.title

    def filters_from(self, request):
        from events.filters import EventFilterForm, parse_filters

        form = EventFilterForm(request.GET, self.locale_id)
        return form, parse_filters(form)

    @path("")
    def list_view(self, request):
        return self.render(request)

    @path("feed.ics/", name="feed")
    def feed(self, request):
        from events import caching
        from events.filters import FEED_LIMIT, occurrences_for
        from events.ics import build_calendar, calendar_response

        _form, filters = self.filters_from(request)
        body = caching.remember(
            "feed",
            (
                self.pk,
                request.build_absolute_uri("/"),
                *filters.state(),
                caching.minute(),
            ),
            lambda: build_calendar(
                occurrences_for(self.locale_id, filters)[:FEED_LIMIT],
                request,
                name=self.title,
            ).to_ical(),
        )
        return calendar_response(body, filename="ekdiloseis.ics")

    def get_context(self, request, *args, **kwargs):
        from events import caching
        from events.filters import group_by_day, parse_month

        context = super().get_context(request, *args, **kwargs)
        form, filters = self.filters_from(request)
        view = "month" if request.GET.get("view") == "month" else "list"
        context.update(
            form=form,
            filters=filters,
            view=view,
            feed_url=(self.url + self.reverse_subpage("feed")).rstrip("/"),
            # The filters and results are rendered once for all who ask the
            # same and cached; the data is only read when that fragment is not.
            content_key=caching.fragment_key(self, request, timed=view == "list"),
        )
        if view == "month":
            today = timezone.localdate()
            parsed = parse_month(request.GET.get("month"), today)
            if request.GET.get("month") and parsed is None:
                filters.messages.append(
                    _("The month was not understood, so this month is shown.")
                )
            year, month = parsed or (today.year, today.month)
            context.update(
                month_value=f"{year:04d}-{month:02d}",
                month=SimpleLazyObject(
                    lambda: self.month_view(request, filters, year, month)
                ),
            )
        else:
            occurrences = SimpleLazyObject(
                lambda: self.list_page(request, filters, request.GET.get("page"))
            )
            context.update(
                occurrences=occurrences,
                days=SimpleLazyObject(lambda: group_by_day(occurrences.object_list)),
            )
        return context

    def month_view(self, request, filters, year, month):
        from events import caching
        from events.filters import event_urls, month_view

        return caching.remember(
            "month",
            (self.locale_id, *filters.state(), year, month, self.get_url(request)),
            lambda: month_view(
                self.locale_id,
                filters,
                year,
                month,
                lambda url_paths: event_urls(self, request, url_paths),
            ),
        )

    def list_page(self, request, filters, number):
        from events.filters import list_page

        return list_page(self.locale_id, filters, number, OCCURRENCES_PER_PAGE)


class MobileUnitPage(PageMetadataMixin, Page):
    """Where the Mobile Unit will be next, by municipality and village."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Mobile Unit schedule page")
        verbose_name_plural = _("Mobile Unit schedule pages")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from events import caching

        context = super().get_context(request, *args, **kwargs)
        context.update(
            # The schedule is rendered once a minute for all and cached; the
            # visits are only read when that fragment is not.
            content_key=caching.fragment_key(self, request, timed=True),
            municipalities=SimpleLazyObject(
                lambda: mobile_unit_schedule(self.locale_id, request=request)
            ),
        )
        return context


def mobile_unit_schedule(locale_id, now=None, request=None):
    """[(municipality name, [(place, its directory page, [occurrences])])] of
    the next visits."""
    from events.models.occurrence import EventOccurrence

    now = now or timezone.now()
    visits = (
        EventOccurrence.objects.live()
        .in_locale(locale_id)
        .mobile_unit_visits()
        .with_event()
        .filter(
            end__gte=now,
            start__lt=now + datetime.timedelta(days=MOBILE_UNIT_DAYS_AHEAD),
        )
        .order_by("start", "pk")[:MOBILE_UNIT_LIMIT]
    )
    municipalities = {}
    for visit in visits:
        location = visit.event.location
        municipality = (
            location.municipality.name
            if location and location.municipality
            else _("Other places")
        )
        places = municipalities.setdefault(str(municipality), {})
        places.setdefault(location, []).append(visit)
    place_url = directory_place_url(locale_id, request) if municipalities else None
    return [
        (
            name,
            [
                (location, place_url(location) if location else "", visits)
                for location, visits in sorted(
                    places.items(), key=lambda item: str(item[0] or "")
                )
            ],
        )
        for name, places in sorted(municipalities.items())
    ]


def directory_place_url(locale_id, request=None):
    """A function giving the address of a place's page in the directory of a
    language (or "" when there is no directory)."""
    from directory.models import DirectoryPage

    directory = first_in_site(DirectoryPage, locale_id, request)
    base = directory.get_url(request) if directory else None
    if not base:
        return lambda location: ""
    return lambda location: (
        base + directory.reverse_subpage("location", args=(location.slug,))
    )


def first_in_site(model, locale_id, request=None):
    """The first live page of a type in a language, preferring the site asked
    for (one query)."""
    pages = model.objects.live().filter(locale_id=locale_id)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return pages.order_by("path").first()
    in_site = models.Q(path__startswith=site.root_page.path)
    return (
        pages.annotate(
            elsewhere=models.Case(
                models.When(in_site, then=models.Value(0)), default=models.Value(1)
            )
        )
        .order_by("elsewhere", "path")
        .first()
    )
