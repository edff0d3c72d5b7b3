from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from appointments import views
from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin


class AppointmentPage(
    PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page
):
    """The public appointment request form, its thank-you page and the
    status check. One per language, under the home page."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("Shown above the form."),
    )
    what_happens_next = models.TextField(
        _("what happens next"),
        blank=True,
        max_length=1000,
        help_text=_("Shown on the thank-you page, after the reference number."),
    )
    offer_mobile_unit = models.BooleanField(
        _("offer the Mobile Unit's visits"),
        default=True,
        help_text=_(
            "List the Mobile Unit's visits of the coming weeks as places to meet."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_happens_next"),
        MultiFieldPanel(
            [
                InlinePanel("places", label=_("Place"), min_num=1),
                FieldPanel("offer_mobile_unit"),
            ],
            heading=_("Where people can meet us"),
        ),
    ]
    search_kind = _("Appointments")
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("appointment request page")
        verbose_name_plural = _("appointment request pages")

    def __str__(self):
        return self.title

    def route_urls(self):
        return {
            "form_url": self.url,
            "status_url": self.route_url("status"),
        }

    # Each route hands over to appointments.views, where the work is done.
    @path("")
    def index_route(self, request):
        return views.request_form(request, self)

    @path("efcharistoume/<str:token>/", name="thank_you")
    def thank_you_route(self, request, token):
        return views.thank_you(request, self, token)

    @path("katastasi/", name="status")
    def status_route(self, request):
        return views.status_check(request, self)


class AppointmentPlace(Orderable):
    """A place where the centre meets people: the main office, a branch."""

    page = ParentalKey(AppointmentPage, on_delete=models.CASCADE, related_name="places")
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("location")]
    # Translations of the page keep the same places; the form shows each
    # place's name in the visitor's language where the location is translated.
    override_translatable_fields = [SynchronizedField("location")]

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return str(self.location)
