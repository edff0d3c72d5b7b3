from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.models.locations import Location
from directory.models.organisations import Organisation
from directory.models.taxonomy import Category, Language, Municipality, TargetGroup
from portal.blocks import BaseStreamBlock
from portal.mixins import PageMetadataMixin


class DirectoryPage(RoutablePageMixin, PageMetadataMixin, Page):
    """The directory of programmes and services: search and facets, and a page
    for each organisation and location listing what is offered there."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_kind = _("Directory of services")
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["directory.ServicePage"]

    class Meta:
        verbose_name = _("directory page")
        verbose_name_plural = _("directory pages")

    def __str__(self):
        return self.title

    @path("")
    def index_route(self, request):
        from directory import views

        return views.directory(request, self)

    @path("protaseis/", name="suggest")
    def suggest_route(self, request):
        from directory import views

        return views.suggest(request, self)

    @path("foreis/<slug:slug>/", name="organisation")
    def organisation_route(self, request, slug):
        from directory import views

        return views.organisation(request, self, slug)

    @path("topothesies/<slug:slug>/", name="location")
    def location_route(self, request, slug):
        from directory import views

        return views.location(request, self, slug)


class ApplicationStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=160)
    detail = blocks.RichTextBlock(
        label=_("Details"), required=False, features=["bold", "link", "ul"]
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class ServicePage(RoutablePageMixin, PageMetadataMixin, Page):
    """A programme or service (HSDS service): who it is for and how to get it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")

    alternate_name = models.CharField(
        _("alternate name or abbreviation"), max_length=200, blank=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    status_note = models.CharField(
        _("status note"),
        max_length=300,
        blank=True,
        help_text=_("E.g. why the service is closed and until when."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("What it is and who it helps, in plain words."),
    )
    description = StreamField(
        BaseStreamBlock(), verbose_name=_("description"), blank=True
    )
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="services"
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="services",
    )
    eligibility = RichTextField(
        _("who can apply"), blank=True, features=["bold", "link", "ul", "ol"]
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True
    )
    application_steps = StreamField(
        [("step", ApplicationStepBlock())],
        verbose_name=_("how to apply"),
        blank=True,
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees = models.TextField(_("fees"), blank=True)
    languages = ParentalManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="services"
    )
    service_areas = ParentalManyToManyField(
        Municipality,
        verbose_name=_("service areas"),
        blank=True,
        related_name="services",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    application_url = models.URLField(
        _("online application"),
        blank=True,
        help_text=_("E.g. the gov.gr page where people apply."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    accepts_appointments = models.BooleanField(
        _("appointments can be requested"), default=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("alternate_name"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
            ],
            heading=_("Who it is for"),
        ),
        InlinePanel("required_documents", label=_("Documents to bring")),
        FieldPanel("application_steps"),
        FieldPanel("application_url"),
        InlinePanel("service_locations", label=_("Where")),
        InlinePanel("contacts", label=_("Contacts")),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("fees"),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("service_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("accepts_appointments"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Details"),
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("alternate_name"),
        index.SearchField("summary"),
        index.SearchField("eligibility"),
        index.SearchField("description"),
        index.AutocompleteField("alternate_name"),
        index.FilterField("status"),
        index.FilterField("is_free"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    parent_page_types = ["directory.DirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.maximum_age < self.minimum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The maximum age is lower than the minimum age.")}
            )

    @property
    def is_temporarily_closed(self):
        return self.status == self.Status.TEMPORARILY_CLOSED

    @path("")
    def page_route(self, request):
        from directory import views

        return views.service(request, self)

    @path("ektyposi/", name="print")
    def print_route(self, request):
        from directory import views

        return views.service(request, self, printable=True)


class RequiredDocument(Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="required_documents"
    )
    name = models.CharField(_("document"), max_length=250)
    note = models.CharField(_("note"), max_length=300, blank=True)
    url = models.URLField(_("where to get it"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("note"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return self.name


class ServiceAtLocation(Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="service_locations"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="service_links",
    )
    notes = models.CharField(
        _("notes"),
        max_length=300,
        blank=True,
        help_text=_("E.g. which days the service is offered there."),
    )

    panels = [FieldPanel("location"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("service at a location")
        verbose_name_plural = _("service at locations")

    def __str__(self):
        return f"{self.service} @ {self.location}"


class ServiceContact(Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name or role"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name
