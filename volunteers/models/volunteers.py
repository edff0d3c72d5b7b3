"""The volunteers who sign up, and the record of those who withdrew."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.staff_values import in_reader_language
from core.weekdays import Weekday
from directory.languages import in_reading_order
from directory.languages import label as language_label


class Skill(models.TextChoices):
    FOOD = "food", _("Sorting and distributing goods")
    TUTORING = "tutoring", _("Tutoring children")
    CARE = "care", _("Keeping older people company")
    EVENTS = "events", _("Helping at events")
    DIGITAL = "digital", _("Computers and mobile phones")
    DRIVING = "driving", _("Driving (with a licence)")
    INTERPRETING = "interpreting", _("Interpreting")
    ADMIN = "admin", _("Office work")
    FIRST_AID = "first_aid", _("First aid")
    CRAFTS = "crafts", _("Repairs and crafts")


class DayPart(models.TextChoices):
    MORNING = "morning", pgettext_lazy("part of the day", "Morning")
    AFTERNOON = "afternoon", pgettext_lazy("part of the day", "Afternoon")
    EVENING = "evening", pgettext_lazy("part of the day", "Evening")


def availability_choices():
    """Every weekday × part of the day, coded "<weekday number>-<part>"
    ("0-morning" is Monday morning; weekday numbers as in core.weekdays)."""
    return [
        (f"{day.value}-{part.value}", f"{day.label} {str(part.label).lower()}")
        for day in Weekday
        for part in DayPart
    ]


def volunteer_label(public_id):
    """A volunteer's label: "V-" and the first letters of their public id."""
    return f"V-{public_id.hex[:8].upper()}"


class Volunteer(models.Model):
    """A person who signed up, or a sign-up waiting for its e-mail confirmation.

    Unconfirmed rows are pending submissions: several may share an e-mail
    address, and none of them changes a confirmed volunteer's data until it is
    confirmed from that mailbox. Confirmed rows are one per address.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        NEW = "new", _("New")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    public_id = models.UUIDField(
        _("public identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    municipality = models.ForeignKey(
        "directory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.ManyToManyField(
        "directory.Language",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
    )
    availability = models.JSONField(
        _("availability"),
        default=list,
        blank=True,
        help_text=_('Weekday and part of the day, e.g. "0-morning" (Monday morning).'),
    )
    interests = models.ManyToManyField(
        "volunteers.VolunteerOpportunityPage",
        verbose_name=_("interested in"),
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    is_adult = models.BooleanField(_("18 or over"), default=False)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20
    )
    consented_at = models.DateTimeField(_("consented at"))
    may_contact_about_future = models.BooleanField(
        _("may be contacted about future opportunities"), default=False
    )
    language = models.CharField(
        _("language of the sign-up"), max_length=8, default="el"
    )
    notes = models.TextField(_("coordinators' notes"), blank=True)
    email_error = models.TextField(
        _("last e-mail failure"),
        blank=True,
        help_text=_("Filled in when an e-mail to or about this person failed."),
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~models.Q(status="unconfirmed"),
                name="unique_confirmed_volunteer_email",
            )
        ]

    def __str__(self):
        # Not the name: Wagtail's audit log keeps this as the label of every
        # action on the volunteer, and lists and exports name the person in
        # their own columns.
        return volunteer_label(self.public_id)

    @property
    def is_confirmed(self):
        return self.status != self.Status.UNCONFIRMED

    def skills_text(self):
        labels = dict(Skill.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.skills)

    skills_text.short_description = _("skills")

    def availability_text(self):
        labels = dict(availability_choices())
        return ", ".join(str(labels.get(code, code)) for code in self.availability)

    availability_text.short_description = _("availability")

    def languages_text(self):
        return ", ".join(
            language_label(language)
            for language in in_reading_order(self.languages.all())
        )

    languages_text.short_description = _("languages")

    def interests_text(self):
        return ", ".join(
            in_reader_language(page).title for page in self.interests.all()
        )

    interests_text.short_description = _("interested in")


class VolunteerWithdrawal(models.Model):
    """That somebody withdrew, and when: no personal data is kept."""

    withdrawn_on = models.DateField(_("withdrawn on"))

    class Meta:
        verbose_name = _("volunteer withdrawal")
        verbose_name_plural = _("volunteer withdrawals")
        ordering = ["-withdrawn_on"]

    def __str__(self):
        return str(self.withdrawn_on)
