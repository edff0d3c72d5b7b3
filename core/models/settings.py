from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.fields import StreamField

from core.weekdays import Weekday


class OpeningHoursBlock(blocks.StructBlock):
    """Days with the same hours, e.g. Monday to Friday 08:00–15:00.

    Stored as weekday numbers rather than text so that every language shows
    the days in its own words.
    """

    # Stored as the weekday numbers as text ("0" is Monday), the block's way.
    weekdays = blocks.MultipleChoiceBlock(label=_("Days"), choices=Weekday.choices)
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    class Meta:
        icon = "time"
        label = _("Opening hours")


class CentreSettings(BaseGenericSetting):
    """Who the centre is and how to reach it; shown in the header and footer."""

    name = models.CharField(_("name"), max_length=150, default="Κέντρο Κοινότητας")
    international_name = models.CharField(
        _("name in Latin letters"),
        max_length=150,
        blank=True,
        help_text=_(
            "Shown on the English and Arabic pages, e.g. Kalamata Community Centre."
        ),
    )
    arabic_name = models.CharField(
        _("name in Arabic"),
        max_length=150,
        blank=True,
        help_text=_(
            "Shown on the Arabic pages and in e-mails to people who wrote in "
            "Arabic; without it, the name in Latin letters."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True, max_length=300)
    international_address = models.TextField(
        _("address in Latin letters"),
        blank=True,
        max_length=300,
        help_text=_(
            "Shown on the English and Arabic pages, as on the street signs, "
            "e.g. Aristomenous 21, 241 31 Kalamata."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())], verbose_name=_("opening hours"), blank=True
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A page, not an app's model: core knows no app. The header and footer
    # link to it on every page, so a request is one tap away.
    request_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("appointment request page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the header and footer of every page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("international_name"),
                FieldPanel("arabic_name"),
                FieldPanel("logo"),
            ],
            heading=_("The centre"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("international_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [PageChooserPanel("privacy_page"), PageChooserPanel("accessibility_page")],
            heading=_("Policies"),
        ),
        PageChooserPanel("request_page"),
    ]

    class Meta:
        # The table of the app it was first made in (portal): moving the model
        # to core changed no data.
        db_table = "portal_centresettings"
        verbose_name = _("centre details")
        verbose_name_plural = _("centre details")

    def __str__(self):
        return self.name

    def display_name(self, language_code):
        if language_code == "ar" and self.arabic_name:
            return self.arabic_name
        if language_code != "el" and self.international_name:
            return self.international_name
        return self.name

    def display_address(self, language_code):
        if language_code != "el" and self.international_address:
            return self.international_address
        return self.address

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]
