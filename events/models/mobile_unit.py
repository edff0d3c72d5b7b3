from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page
from wagtail.search import index

from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from events import caching, schedule, views
from events.models.occurrence import EventOccurrence


class MobileUnitPage(PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page):
    """Where the Mobile Unit comes: pick your village, see its next visit,
    add it to a calendar or subscribe to all of them."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    what_to_bring = models.TextField(
        _("what to bring"),
        blank=True,
        max_length=600,
        help_text=_(
            "Shown with every village's next visit, e.g. your identity card, "
            "AMKA and Taxisnet codes. One item a line."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_to_bring"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Mobile Unit schedule page")
        verbose_name_plural = _("Mobile Unit schedule pages")

    def __str__(self):
        return self.title

    @property
    def things_to_bring(self):
        return [
            line.strip() for line in self.what_to_bring.splitlines() if line.strip()
        ]

    def visits(self):
        """The live visits in the page's language, the distribution days at
        the unit's stops among them."""
        return EventOccurrence.objects.live().in_locale(self.locale_id).by_mobile_unit()

    def village_url(self, stop, request=None):
        """The URL of stop's village page, or None while this page has none
        (outside every site's tree, as a draft copy is)."""
        url = self.get_url(request)
        if url is None:
            return None
        return url + self.reverse_subpage("village", args=(stop.slug,))

    # Routes: each hands over to events.views, where the work is done.

    @path("")
    def picker(self, request):
        return views.mobile_unit_picker(request, self)

    @path("<slug:stop>/", name="village")
    def village(self, request, stop):
        return views.village(request, self, stop)

    @path("<slug:stop>/visits.ics/", name="village_feed")
    def village_feed(self, request, stop):
        return views.village_feed(request, self, stop)

    @path("<slug:stop>/<str:day>.ics/", name="village_visit")
    def village_visit(self, request, stop, day):
        return views.village_visit(request, self, stop, day)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            # The schedule is rendered once a minute for all and cached; the
            # visits are only read when that fragment is not.
            content_key=caching.fragment_key(self, request, timed=True),
            villages=SimpleLazyObject(lambda: schedule.villages(self.locale_id)),
            next_visits=SimpleLazyObject(lambda: schedule.next_visits(self.visits())),
        )
        return context
