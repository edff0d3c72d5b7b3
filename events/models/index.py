from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page
from wagtail.search import index

from core import pagecache
from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from events import caching, filters, month, views
from events.models.occurrence import EventOccurrence

OCCURRENCES_PER_PAGE = 20
# What the list reads from its query string: the rest is never cached.
PARAMETERS = (*filters.EventFilterForm.base_fields, "view", "month", "page")


class EventIndexPage(PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page):
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

    def occurrences(self):
        """The live occurrences in the page's language."""
        return EventOccurrence.objects.live().in_locale(self.locale_id)

    def filters_from(self, request):
        form = filters.EventFilterForm(request.GET, self.locale_id)
        return form, filters.parse_filters(form)

    # Each route hands over to events.views, where the work is done.
    @path("")
    def list_view(self, request):
        return self.render(request)

    @path("feed.ics/", name="feed")
    def feed(self, request):
        return views.events_feed(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, chosen = self.filters_from(request)
        view = "month" if request.GET.get("view") == "month" else "list"
        context.update(
            form=form,
            filters=chosen,
            view=view,
            feed_url=self.route_url("feed").rstrip("/"),
        )
        pagecache.accept_query(request, PARAMETERS)
        shown = ()
        if view == "month":
            today = timezone.localdate()
            parsed = month.parse_month(request.GET.get("month"), today)
            if request.GET.get("month") and parsed is None:
                chosen.messages.append(
                    _("The month was not understood, so this month is shown.")
                )
            year, number = parsed or (today.year, today.month)
            shown = (year, number)
            context.update(
                month_value=f"{year:04d}-{number:02d}",
                month=SimpleLazyObject(
                    lambda: self.month_view(request, chosen, year, number)
                ),
            )
        else:
            number = request.GET.get("page", "")
            shown = (number if number.isdigit() else "",)
            occurrences = SimpleLazyObject(
                lambda: self.list_page(request, chosen, request.GET.get("page"))
            )
            context.update(
                occurrences=occurrences,
                days=SimpleLazyObject(
                    lambda: filters.group_by_day(occurrences.object_list)
                ),
            )
        if chosen.messages:
            # A value not understood: drawn, with its message, never stored.
            pagecache.skip(request)
        # The filters and results are rendered once for all who ask the same
        # and cached; the data is only read when that fragment is not.
        context["content_key"] = caching.fragment_key(
            self,
            request,
            (view, *chosen.state(), *shown, *map(str, chosen.messages)),
            timed=view == "list",
        )
        return context

    def month_view(self, request, chosen, year, number):
        return caching.remember(
            "month",
            (self.locale_id, *chosen.state(), year, number, self.get_url(request)),
            lambda: month.month_view(
                self.occurrences(),
                chosen,
                year,
                number,
                lambda url_paths: month.event_urls(self, request, url_paths),
            ),
        )

    def list_page(self, request, chosen, number):
        return filters.list_page(
            self.occurrences(), self.locale_id, chosen, number, OCCURRENCES_PER_PAGE
        )
