from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.weekdays import Weekday
from directory.forms import ReviewedSnippetForm
from directory.models.phones import Phone, first_of
from directory.models.review_cycle import TranslatedSnippetReviewCycle
from directory.models.taxonomy import Language, Municipality


class Location(
    TranslatableMixin, TranslatedSnippetReviewCycle, index.Indexed, ClusterableModel
):
    """Where a service is offered: an office, a Mobile Unit stop, or online."""

    # The staff who check it are chosen among staff (#25).
    base_form_class = ReviewedSnippetForm

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        MOBILE_STOP = "mobile_stop", _("Mobile Unit stop")
        VIRTUAL = "virtual", _("Online or by phone")

    class AddressType(models.TextChoices):
        PHYSICAL = "physical", _("Where people go")
        POSTAL = "postal", _("For letters")
        VIRTUAL = "virtual", _("Online")

    name = models.CharField(_("name"), max_length=1000)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICE
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street address"), max_length=1000, blank=True)
    address_2 = models.CharField(_("address, second line"), max_length=1000, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("town or village"), max_length=1000, blank=True)
    state_province = models.CharField(
        _("regional unit or state"), max_length=1000, blank=True
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Two letters: GR, CY…")
    )
    address_type = models.CharField(
        _("kind of address"),
        max_length=20,
        choices=AddressType.choices,
        default=AddressType.PHYSICAL,
    )
    #: The HSDS id of the address, kept from an imported file (else derived).
    address_hsds_id = models.UUIDField(null=True, blank=True, editable=False)
    locative = models.CharField(
        _("“in” form of the place"),
        max_length=120,
        blank=True,
        help_text=_(
            "How a sentence says “in” this place, with the article Greek needs: "
            "“στην Καρδαμύλη”, “στον Μελιγαλά”, “στα Φιλιατρά” "
            "(in English “in Kardamyli”). Used for the Mobile Unit's visits."
        ),
    )
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
    url = models.URLField(_("web address"), max_length=2000, blank=True)
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
                FieldPanel("address_2"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("state_province"), FieldPanel("country")]),
                FieldPanel("address_type"),
                FieldPanel("locative"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("languages")], heading=_("Contact")
        ),
        InlinePanel("phones", label=_("Phones")),
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
        TranslatedSnippetReviewCycle.review_panel(),
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

    @cached_property
    def first_phone(self):
        """The phone pages show: the first one (see LocationPhone), or None."""
        return first_of(self)

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

    @property
    def village(self):
        """The short name of the town or village a place is named for
        ("Καρδαμύλη" for "Κινητή Μονάδα – Καρδαμύλη"), else its name."""
        return self.city if self.city and self.city in self.name else self.name

    def one_line_address(self):
        return ", ".join(
            part for part in (self.address, self.postal_code, self.city) if part
        )


class LocationPhone(Phone):
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="phones")

    owner_field = "location"

    class Meta(Phone.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")


class OpeningHours(Orderable):
    """One opening on one weekday; an opening past midnight closes the next day."""

    location = ParentalKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time before the opening means the next day.")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    #: The HSDS id of the schedule this row came from (one schedule, several days).
    schedule_hsds_id = models.UUIDField(null=True, blank=True, editable=False)

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
    """Days that differ from the usual week: a place (or every place) closed or
    open shorter hours, an extra public holiday (a moved Labour Day), or a
    national holiday that is a working day after all.

    The national holidays themselves are not typed in: directory.calendar
    knows them. That module is where every app asks about a day.
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed all day")
        SHORTENED = "shortened", _("Open shorter hours")
        HOLIDAY = "holiday", _("Extra public holiday (e.g. a moved holiday)")
        WORKING_DAY = "working_day", _("Not a holiday after all (a holiday moved away)")

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Leave empty for every place (the Mobile Unit's visits included)."),
    )
    kind = models.CharField(
        _("what happens"), max_length=20, choices=Kind.choices, default=Kind.CLOSED
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    opens = models.TimeField(
        _("opens at"),
        null=True,
        blank=True,
        help_text=_("For shorter hours: empty for the usual opening time."),
    )
    closes = models.TimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("For shorter hours, e.g. 12:00 on Christmas Eve."),
    )
    reason = models.CharField(_("reason"), max_length=200)

    objects = ClosureQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
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
        national = (self.Kind.HOLIDAY, self.Kind.WORKING_DAY)
        if self.kind in national and self.location_id is not None:
            raise ValidationError(
                {"location": _("A public holiday concerns every place: leave empty.")}
            )
        if self.kind == self.Kind.SHORTENED:
            if self.closes is None and self.opens is None:
                raise ValidationError(
                    {"closes": _("Give the shorter hours: when it opens or closes.")}
                )
            if self.opens and self.closes and self.closes <= self.opens:
                raise ValidationError(
                    {"closes": _("The closing time must come after the opening.")}
                )
        elif self.opens is not None or self.closes is not None:
            raise ValidationError(
                {"opens": _("Times are only for a day with shorter hours.")}
            )

    @property
    def is_all_day(self):
        """Whether nothing opens on the days (a closure or a holiday)."""
        return self.kind in (self.Kind.CLOSED, self.Kind.HOLIDAY)
