from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from directory.forms import ReviewedSnippetForm
from directory.models.phones import Phone, first_of
from directory.models.review_cycle import TranslatedSnippetReviewCycle


class Organisation(
    TranslatableMixin, TranslatedSnippetReviewCycle, index.Indexed, ClusterableModel
):
    """Who provides a service: the municipality, a hospital, ΔΥΠΑ, an NGO..."""

    # The staff who check it are chosen among staff (#25).
    base_form_class = ReviewedSnippetForm

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal service")
        REGIONAL = "regional", _("Regional authority")
        NATIONAL = "national", _("National agency")
        HEALTH = "health", _("Hospital or health service")
        NGO = "ngo", _("Non-governmental organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=1000)
    alternate_name = models.CharField(_("alternate name"), max_length=1000, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), max_length=2000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_email = models.EmailField(
        _("partner's e-mail for checks"),
        blank=True,
        help_text=_(
            "Who at the organisation confirms its record; the Due for review "
            "report shows it. Empty: the organisation's e-mail."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email")], heading=_("Contact")
        ),
        InlinePanel("phones", label=_("Phones")),
        FieldPanel("logo"),
        TranslatedSnippetReviewCycle.review_panel(FieldPanel("review_email")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("alternate_name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_organisation_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    @cached_property
    def first_phone(self):
        """The phone pages show: the first one (see OrganisationPhone), or None."""
        return first_of(self)


class OrganisationPhone(Phone):
    organisation = ParentalKey(
        Organisation, on_delete=models.CASCADE, related_name="phones"
    )

    owner_field = "organisation"

    class Meta(Phone.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
