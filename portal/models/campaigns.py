from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import pagecache, privacy
from core.blocks import BaseStreamBlock
from core.forms import LocaleChoicesPageForm
from core.mixins import PageMetadataMixin
from core.privacy import PrivacyCheckedPageMixin
from directory.models import TargetGroup

PAST_CAMPAIGNS_PER_PAGE = 12


class CampaignQuerySet(PageQuerySet):
    def running_on(self, day):
        return self.filter(starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )

    def for_audience(self, slug):
        if not slug:
            return self
        return self.filter(target_groups__slug=slug).distinct()

    def current_in(self, locale_id, day=None):
        """Live campaigns running today in a language, ending soonest first."""
        day = day or timezone.localdate()
        return (
            self.live()
            .filter(privacy.public_q())
            .filter(locale_id=locale_id)
            .running_on(day)
            .order_by(models.F("ends_on").asc(nulls_last=True), "-starts_on")
        )


CampaignManager = PageManager.from_queryset(CampaignQuerySet)


class CampaignIndexPage(PrivacyCheckedPageMixin, PageMetadataMixin, Page):
    """Information campaigns: current ones first, then upcoming and past."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_kind = _("Campaigns")
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.CampaignPage"]

    class Meta:
        verbose_name = _("campaign index page")
        verbose_name_plural = _("campaign index pages")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        audience = request.GET.get("audience", "").strip()
        pagecache.accept_query(request, ("audience", "page"))
        # One query for every campaign; an index holds tens of them, not
        # thousands. The list shows no body: its JSON is left unread.
        campaigns = list(
            CampaignPage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .filter(privacy.public_q())
            .for_audience(audience)
            .order_by(models.F("ends_on").asc(nulls_last=True), "-starts_on")
        )
        current, upcoming, past = partition_by_date(campaigns, today)
        audiences = TargetGroup.objects.filter(
            locale_id=self.locale_id,
            slug__in=CampaignPage.objects.child_of(self)
            .live()
            .values("target_groups__slug"),
        )
        context.update(
            current_campaigns=current,
            upcoming_campaigns=sorted(upcoming, key=lambda c: c.starts_on),
            past_campaigns=Paginator(
                sorted(past, key=lambda c: (c.ends_on, c.starts_on), reverse=True),
                PAST_CAMPAIGNS_PER_PAGE,
            ).get_page(request.GET.get("page")),
            audiences=audiences,
            selected_audience=next((a for a in audiences if a.slug == audience), None),
        )
        return context


def partition_by_date(campaigns, day):
    """Split campaigns into those running on a day, those to come and past ones."""
    current, upcoming, past = [], [], []
    for campaign in campaigns:
        if campaign.has_ended(day):
            past.append(campaign)
        elif campaign.starts_on > day:
            upcoming.append(campaign)
        else:
            current.append(campaign)
    return current, upcoming, past


class CampaignPage(PrivacyCheckedPageMixin, PageMetadataMixin, Page):
    """An information campaign, e.g. "Heating allowance: apply by 15 December"."""

    # Target groups of the page's locale only.
    base_form_class = LocaleChoicesPageForm

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("What this is about and who it concerns, in plain words."),
    )
    starts_on = models.DateField(_("runs from"), default=timezone.localdate)
    ends_on = models.DateField(
        _("runs until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a campaign without an end date."),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="campaigns",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image alternative text"), max_length=250, blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    call_to_action_label = models.CharField(
        _("call to action label"), max_length=60, blank=True
    )
    call_to_action_page = models.ForeignKey(
        Page,
        verbose_name=_("call to action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    call_to_action_url = models.URLField(_("call to action address"), blank=True)

    objects = CampaignManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("call_to_action_label"),
                PageChooserPanel("call_to_action_page"),
                FieldPanel("call_to_action_url"),
            ],
            heading=_("Call to action"),
        ),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("starts_on"),
        index.FilterField("ends_on"),
    ]

    parent_page_types = ["portal.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A campaign cannot end before it starts.")
        if self.image_id and not self.image_alt_text:
            errors["image_alt_text"] = _(
                "Describe the image for people who cannot see it."
            )
        has_target = bool(self.call_to_action_page_id or self.call_to_action_url)
        if self.call_to_action_page_id and self.call_to_action_url:
            errors["call_to_action_url"] = _(
                "Choose a page or enter an address, not both."
            )
        if bool(self.call_to_action_label) != has_target:
            errors["call_to_action_label"] = _(
                "A call to action needs both a label and a page or address."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def call_to_action_href(self):
        if self.call_to_action_page_id:
            return self.call_to_action_page.localized.url
        return self.call_to_action_url

    def is_running(self, day=None):
        day = day or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def has_ended(self, day=None):
        day = day or timezone.localdate()
        return self.ends_on is not None and self.ends_on < day


class CampaignRelatedPage(Orderable):
    campaign = ParentalKey(
        CampaignPage, on_delete=models.CASCADE, related_name="related_pages"
    )
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")

    def __str__(self):
        return str(self.page)
