from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import privacy
from core.blocks import BaseStreamBlock
from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from directory import views
from directory.forms import ServicePageForm
from directory.models.locations import Location
from directory.models.organisations import Organisation
from directory.models.review_cycle import ReviewCycle
from directory.models.taxonomy import Category, Language, Municipality, TargetGroup
from directory.search import untranslated_by_topic
from search.analysis import sort_key


class DirectoryPage(PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page):
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

    def listed_services(self):
        """The services this directory lists: live, public (a restriction on
        a service or on its translation counts, core.privacy), not withdrawn.

        A translated directory lists every service: one with no live page in
        the directory's language yet is listed by its page in the default
        language (Greek), so that no service is missing in English or Arabic.
        """
        services = ServicePage.objects.child_of(self).live()
        original = self.fallback_directory()
        if original is not None:
            translated = services.values("translation_key")
            services = services | ServicePage.objects.child_of(original).live().exclude(
                translation_key__in=translated
            )
        return privacy.public(services.exclude(status=ServicePage.Status.INACTIVE))

    def services_of(self, organisation=None, location=None):
        """The services this directory lists (``listed_services``) that
        ``organisation`` provides or that are offered at ``location`` (both in
        the directory's language), in the directory's order: those in its
        language, then those not yet translated, each by title.

        A service not yet translated is listed by its Greek page, which names
        the Greek organisation or location: the same one (same translation
        key) as the English or Arabic one asked for (#18).
        """
        services = self.listed_services()
        if organisation is not None:
            services = services.filter(
                organisation__translation_key=organisation.translation_key
            )
        if location is not None:
            services = services.filter(
                pk__in=ServiceAtLocation.objects.filter(
                    location__translation_key=location.translation_key
                ).values("service_id")
            )
        untranslated = Case(
            When(locale_id=self.locale_id, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            services.select_related("organisation")
            .annotate(untranslated=untranslated)
            .order_by("untranslated", "sort_title", "title", "pk")
        )

    def fallback_directory(self):
        """The directory in the default language whose services this one
        lists until they are translated; None for that directory itself."""
        # One query: the default locale by its language code, in the join.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return (
            DirectoryPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=default
            )
            .exclude(pk=self.pk)
            .only("pk", "path", "depth")
            .first()
        )

    # Each route hands over to directory.views, where the work is done.
    @path("")
    def index_route(self, request):
        return views.directory(request, self)

    @path("protaseis/", name="suggest")
    def suggest_route(self, request):
        return views.suggest(request, self)

    @path("foreis/<slug:slug>/", name="organisation")
    def organisation_route(self, request, slug):
        return views.organisation(request, self, slug)

    @path("topothesies/<slug:slug>/", name="location")
    def location_route(self, request, slug):
        return views.location(request, self, slug)

    @path("foreis/<slug:slug>/diorthosi/", name="organisation_correction")
    def organisation_correction_route(self, request, slug):
        organisation = views.find_organisation(self, slug)
        return views.correction(
            request,
            self,
            organisation,
            views.organisation_correction_urls(self, organisation),
        )

    @path(
        "foreis/<slug:slug>/diorthosi/efcharistoume/",
        name="organisation_correction_thanks",
    )
    def organisation_correction_thanks_route(self, request, slug):
        organisation = views.find_organisation(self, slug)
        return views.correction_thanks(
            request,
            self,
            organisation,
            views.organisation_correction_urls(self, organisation),
        )

    @path("topothesies/<slug:slug>/diorthosi/", name="location_correction")
    def location_correction_route(self, request, slug):
        location = views.find_location(self, slug)
        return views.correction(
            request, self, location, views.location_correction_urls(self, location)
        )

    @path(
        "topothesies/<slug:slug>/diorthosi/efcharistoume/",
        name="location_correction_thanks",
    )
    def location_correction_thanks_route(self, request, slug):
        location = views.find_location(self, slug)
        return views.correction_thanks(
            request, self, location, views.location_correction_urls(self, location)
        )

    # A partner's check of its service (issue #25), by the signed link of
    # its e-mail. Imported when asked for: directory.partner_review reads the
    # models this module defines.
    @path("elegchos/<str:token>/", name="partner_review")
    def partner_review_route(self, request, token):
        from directory import partner_views

        return partner_views.review_form(request, self, token)

    @path("elegchos/<str:token>/efcharistoume/", name="partner_review_done")
    def partner_review_done_route(self, request, token):
        from directory import partner_views

        return partner_views.review_done(request, self, token)


def untranslated_services(query, locale):
    """Site search's finder of services not yet translated into ``locale``
    (``search.sitesearch.register_untranslated_finder``): by the names of
    their topics in that language, as the directory finds them."""
    directories = DirectoryPage.objects.filter(locale=locale).live()
    return untranslated_by_topic(directories, query)


class ApplicationStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=160)
    detail = blocks.RichTextBlock(
        label=_("Details"), required=False, features=["bold", "link", "ul"]
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class BenefitFrequency(models.TextChoices):
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("a month")
    BIMONTHLY = "bimonthly", _("every two months")
    YEARLY = "yearly", _("a year")


class ApplicationWindow(models.TextChoices):
    """Where today falls against a service's application dates."""

    NOT_YET = "not_yet", _("not open yet")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ServicePage(
    PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, ReviewCycle, Page
):
    """A programme or service (HSDS service): who it is for and how to get it."""

    # Categories, target groups, languages and areas of the page's locale only.
    base_form_class = ServicePageForm

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")

    alternate_name = models.CharField(
        _("alternate name or abbreviation"), max_length=1000, blank=True
    )
    # The title folded for sorting (search.analysis.sort_key), kept by save():
    # "Έκδοση ΑΜΚΑ" among the Ε's on every database, page after page.
    sort_title = models.CharField(
        max_length=255, default="", editable=False, db_index=True
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
    status_note = models.TextField(
        _("status note"),
        blank=True,
        help_text=_("E.g. why the service is closed and until when."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
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
    is_free = models.BooleanField(
        _("no fee to apply"),
        default=True,
        help_text=_("Whether applying costs nothing, not whether the help is free."),
    )
    fees = models.TextField(_("fees"), blank=True)
    # Key facts: the answers to "what do I get?" and "do I qualify?", as
    # fields rather than prose, so that they head the page, the printout,
    # the HSDS export and the API in the same words.
    benefit = models.CharField(
        _("what you get"),
        max_length=300,
        blank=True,
        help_text=_('In plain words, e.g. "A monthly payment into your account".'),
    )
    benefit_amount_min = models.DecimalField(
        _("lowest amount (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    benefit_amount_max = models.DecimalField(
        _("highest amount (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when the amount is fixed."),
    )
    benefit_frequency = models.CharField(
        _("how often"),
        max_length=20,
        choices=BenefitFrequency.choices,
        blank=True,
    )
    income_limit = models.DecimalField(
        _("income limit (€ a year)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For one person living alone."),
    )
    income_limit_note = models.CharField(
        _("income limit: how it changes"),
        max_length=300,
        blank=True,
        help_text=_('E.g. "+50% for each other adult, +25% for each child".'),
    )
    assets_limit = models.DecimalField(
        _("property limit (€)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Taxable value of property, for one person living alone."),
    )
    assets_limit_note = models.CharField(
        _("property limit: how it changes"), max_length=300, blank=True
    )
    applications_open = models.DateField(
        _("applications open on"), null=True, blank=True
    )
    applications_close = models.DateField(
        _("applications close on"), null=True, blank=True
    )
    languages = ParentalManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="services"
    )
    service_areas = ParentalManyToManyField(
        Municipality,
        verbose_name=_("service areas"),
        blank=True,
        related_name="services",
    )
    website = models.URLField(_("website"), max_length=2000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    application_url = models.URLField(
        _("online application"),
        blank=True,
        help_text=_("E.g. the gov.gr page where people apply."),
    )
    review_email = models.EmailField(
        _("partner's e-mail for checks"),
        blank=True,
        help_text=_(
            "When the record falls due, this address gets a link to confirm or "
            "correct it. Empty: the service's e-mail."
        ),
    )
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
                FieldPanel("benefit"),
                FieldRowPanel(
                    [
                        FieldPanel("benefit_amount_min"),
                        FieldPanel("benefit_amount_max"),
                        FieldPanel("benefit_frequency"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("income_limit"), FieldPanel("income_limit_note")]
                ),
                FieldRowPanel(
                    [FieldPanel("assets_limit"), FieldPanel("assets_limit_note")]
                ),
                FieldRowPanel(
                    [FieldPanel("is_free"), FieldPanel("fees")],
                ),
                FieldRowPanel(
                    [FieldPanel("applications_open"), FieldPanel("applications_close")]
                ),
            ],
            heading=_("Key facts"),
            help_text=_("Shown first on the page and on the printout."),
        ),
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
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("service_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("accepts_appointments"),
            ],
            heading=_("Details"),
        ),
        ReviewCycle.review_panel(FieldPanel("review_email")),
        FieldPanel("description"),
    ]
    # What people come to find ranks above a page that mentions it
    # (search.indexing.rows_for).
    search_weight = 1.5
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

    def save(self, *args, **kwargs):
        self.sort_title = sort_key(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_title"}
        return super().save(*args, **kwargs)

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
        errors = {}
        if None not in (self.benefit_amount_min, self.benefit_amount_max) and (
            self.benefit_amount_max < self.benefit_amount_min
        ):
            errors["benefit_amount_max"] = _(
                "The highest amount is lower than the lowest amount."
            )
        if None not in (self.applications_open, self.applications_close) and (
            self.applications_close < self.applications_open
        ):
            errors["applications_close"] = _("Applications close before they open.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_key_facts(self):
        return bool(
            self.benefit
            or self.benefit_amount_min is not None
            or self.income_limit is not None
            or self.income_limit_note
            or self.assets_limit is not None
            or self.assets_limit_note
            or self.applications_open
            or self.applications_close
        )

    def application_window(self, today=None):
        """An ``ApplicationWindow`` for ``today`` (a date, Athens time by
        default), or None when the service takes applications all year (no
        dates). Both dates are included in the window."""
        if not (self.applications_open or self.applications_close):
            return None
        today = today or timezone.localdate()
        if self.applications_open and today < self.applications_open:
            return ApplicationWindow.NOT_YET
        if self.applications_close and today > self.applications_close:
            return ApplicationWindow.CLOSED
        return ApplicationWindow.OPEN

    @property
    def is_temporarily_closed(self):
        return self.status == self.Status.TEMPORARILY_CLOSED

    @path("")
    def page_route(self, request):
        return views.service(request, self)

    @path("ektyposi/", name="print")
    def print_route(self, request):
        return views.service(request, self, printable=True)

    @path("diorthosi/", name="correction")
    def correction_route(self, request):
        return views.correction(
            request, self, self, views.service_correction_urls(self)
        )

    @path("diorthosi/efcharistoume/", name="correction_thanks")
    def correction_thanks_route(self, request):
        return views.correction_thanks(
            request, self, self, views.service_correction_urls(self)
        )


# The rows below carry words a visitor reads, so they are translatable
# (TranslatableMixin): wagtail-localize offers their texts in its editor and a
# translated page keeps its own rows, in its locale, sharing each row's
# translation_key with the Greek row it translates. A new row takes its page's
# locale (TranslatableMixin.get_default_locale, through the ParentalKey).


class RequiredDocument(TranslatableMixin, Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="required_documents"
    )
    name = models.TextField(_("document"))
    note = models.TextField(_("note"), blank=True)
    url = models.URLField(_("where to get it"), max_length=2000, blank=True)
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("note"), FieldPanel("url")]
    # name and note are translated; the url (a URLField) stays the same.

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return self.name


class ServiceAtLocation(TranslatableMixin, Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="service_locations"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="service_links",
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("E.g. which days the service is offered there."),
    )
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    panels = [FieldPanel("location"), FieldPanel("notes")]
    # A translation is offered at the same places; only the notes are
    # translated (a translatable location would otherwise have to be translated
    # before the page could be).
    override_translatable_fields = [SynchronizedField("location")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("service at a location")
        verbose_name_plural = _("service at locations")

    def __str__(self):
        return f"{self.service} @ {self.location}"


class ServiceContact(TranslatableMixin, Orderable):
    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="contacts"
    )

    class Kind(models.TextChoices):
        PHONE = "phone", _("A phone line")
        CONTACT = "contact", _("A person or office")

    # Empty: decided by what is filled in (only a phone number: a phone line).
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, blank=True)
    name = models.TextField(_("name or role"))
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    #: The HSDS id of the phone or contact, kept from an imported file.
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)
    #: The HSDS id of a contact's phone.
    phone_hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldRowPanel(
            [FieldPanel("phone"), FieldPanel("extension"), FieldPanel("email")]
        ),
    ]
    # Only the name is translated: a number is the same in every language
    # (wagtail-localize would take the phone, a CharField, for text).
    override_translatable_fields = [SynchronizedField("phone")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name
