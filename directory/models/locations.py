from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from directory.models.taxonomy import Language, Municipality

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Location(TranslatableMixin, index.Indexed, ClusterableModel):
    """Where a service is offered: an office, a Mobile Unit stop, or online."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        MOBILE_STOP = "mobile_stop", _("Mobile Unit stop")
        VIRTUAL = "virtual", _("Online or by phone")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICE
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("town or village"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    url = models.URLField(_("web address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    step_free_access = models.BooleanField(_("step-free entrance"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    lift = models.BooleanField(_("lift to every floor"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    transport_notes = models.TextField(_("how to get there"), blank=True)
    languages = ParentalManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("languages")],
            heading=_("Contact"),
        ),
        InlinePanel("opening_hours", label=_("Opening hours")),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilet"),
                FieldPanel("lift"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessibility_notes"),
                FieldPanel("transport_notes"),
            ],
            heading=_("Accessibility and transport"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_location_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def accessibility_features(self):
        labels = [
            (self.step_free_access, _("Step-free entrance")),
            (self.accessible_toilet, _("Accessible toilet")),
            (self.lift, _("Lift to every floor")),
            (self.hearing_loop, _("Hearing loop")),
        ]
        return [label for present, label in labels if present]

    def one_line_address(self):
        return ", ".join(
            part for part in (self.address, self.postal_code, self.city) if part
        )


class OpeningHours(Orderable):
    """One opening on one weekday; an opening past midnight closes the next day."""

    location = ParentalKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time before the opening means the next day.")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens == self.closes:
            raise ValidationError(
                {"closes": _("Opening and closing times are the same.")}
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end must come after the start.")})


class ClosureQuerySet(models.QuerySet):
    def affecting(self, location_ids, first_day, last_day):
        """Closures of these locations, or of all locations, overlapping the days."""
        return self.filter(
            Q(location__isnull=True) | Q(location_id__in=location_ids),
            starts_on__lte=last_day,
            ends_on__gte=first_day,
        )


class Closure(models.Model):
    """Days a location is closed; without a location, a holiday for all of them."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Leave empty for a public holiday that closes every location."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)

    objects = ClosureQuerySet.as_manager()

    panels = [
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures and holidays")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.reason} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end must come after the start.")})
