"""The public page "Τι χρειαζόμαστε": the needs list, where to bring goods,
the donation pledge form and the open-data feeds."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from goods import opendata, views
from goods.models.needs import GoodsCategory


class CategoriesField(models.JSONField):
    """A list of GoodsCategory values, edited as a row of checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            choices=GoodsCategory.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class NeedsPage(PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page):
    """What the centre needs now, where and when to bring it. One per
    language, under the home page."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("Shown above the list."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("drop_off_points", label=_("Drop-off point")),
    ]
    search_kind = _("Donations")
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("needs page")
        verbose_name_plural = _("needs pages")

    def __str__(self):
        return self.title

    def route_urls(self):
        return {
            "needs_url": self.url,
            "pledge_url": self.route_url("pledge"),
            "json_url": self.route_url("json"),
            "feed_url": self.route_url("feed"),
        }

    # Each route hands over to goods.views, where the work is done.
    @path("")
    def index_route(self, request):
        return views.needs(request, self)

    @path("prosfora/", name="pledge")
    def pledge_route(self, request):
        return views.pledge(request, self)

    # Open data (goods.opendata; the shape is documented in the README).
    # Wagtail serves only paths of letters, digits and hyphens, hence no
    # "needs.json".
    @path("json/", name="json")
    def json_route(self, request):
        return opendata.needs_json(request, self)

    @path("json/schema/", name="schema")
    def schema_route(self, request):
        return opendata.needs_schema(request, self)

    @path("feed/", name="feed")
    def feed_route(self, request):
        return opendata.needs_feed(request, page=self)

    @path("efcharistoume/", name="thank_you")
    def thank_you_route(self, request):
        return views.thank_you(request, self)


class DropOffPoint(Orderable):
    """A directory place that takes donations, and what it takes."""

    page = ParentalKey(
        NeedsPage, on_delete=models.CASCADE, related_name="drop_off_points"
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    accepts = CategoriesField(
        _("accepts"),
        default=list,
        blank=True,
        help_text=_("What this point takes; nothing ticked means everything."),
    )

    panels = [FieldPanel("location"), FieldPanel("accepts")]
    # Translations of the page keep the same places and what they take.
    override_translatable_fields = [
        SynchronizedField("location"),
        SynchronizedField("accepts"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("drop-off point")
        verbose_name_plural = _("drop-off points")

    def __str__(self):
        return str(self.location)

    def accepted_categories(self):
        """[(value, label)] of what this point takes, every category when none
        was ticked."""
        chosen = set(self.accepts or [])
        return [
            (value, label)
            for value, label in GoodsCategory.choices
            if not chosen or value in chosen
        ]

    def accepts_category(self, category):
        return not self.accepts or category in self.accepts
