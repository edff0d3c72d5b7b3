from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.mixins import PageMetadataMixin
from core.privacy import PrivacyCheckedPageMixin
from portal.models.campaigns import CampaignPage


class FeaturedTopicBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=160
    )
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "list-ul"
        label = _("Featured topic")


class HomePage(PrivacyCheckedPageMixin, PageMetadataMixin, Page):
    """The front door: "What do you need?", topics, campaigns, events, contact."""

    search_heading = models.CharField(
        _("search heading"), max_length=80, default="Τι χρειάζεστε;"
    )
    search_hint = models.CharField(
        _("search hint"),
        max_length=200,
        blank=True,
        help_text=_('An example under the search box, e.g. "heating allowance".'),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    featured_topics = StreamField(
        [("topic", FeaturedTopicBlock())],
        verbose_name=_("featured topics"),
        blank=True,
        max_num=8,
    )
    campaigns_heading = models.CharField(
        _("campaigns heading"), max_length=80, default="Τρέχουσες ενημερώσεις"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("search_heading"),
                FieldPanel("search_hint"),
                FieldPanel("intro"),
            ],
            heading=_("Search"),
        ),
        FieldPanel("featured_topics"),
        FieldPanel("campaigns_heading"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = CampaignPage.objects.current_in(self.locale_id)[:3]
        return context
