from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.mixins import PageMetadataMixin
from core.privacy import PrivacyCheckedPageMixin


class StandardPage(PrivacyCheckedPageMixin, PageMetadataMixin, Page):
    """A page of text: About, How we can help, Privacy notice, Contact..."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_(
            "One or two sentences shown under the title and in search results."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_kind = _("Information")
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def __str__(self):
        return self.title
