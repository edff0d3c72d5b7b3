from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.staff_values import moment_text
from core.weekdays import Weekday


class TimeSlot(models.TextChoices):
    MORNING = "morning", _("Morning, before 11:00")
    MIDDAY = "midday", _("Late morning, 11:00 to 15:00")
    AFTERNOON = "afternoon", _("Afternoon, after 15:00 (where open)")


class AppointmentRequest(models.Model):
    """Somebody asking for an appointment, and what the caseworkers did.

    Staff-only: the public sees a request only through its reference, with
    the e-mail address or the last four digits of the phone number.
    """

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("appointment request", "New")
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("By phone")
        WALK_IN = "walk_in", _("At the desk")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message (SMS)")
        EMAIL = "email", _("E-mail")

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    source = models.CharField(
        _("received"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the person was not sure."),
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("where"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visit_event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("Mobile Unit visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visit_starts_at = models.DateTimeField(
        _("Mobile Unit visit on"), null=True, blank=True
    )
    # Weekday numbers (core.weekdays: 0 is Monday), working days only.
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    preferred_times = models.JSONField(_("preferred times"), default=list, blank=True)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    preferred_contact = models.CharField(
        _("preferred contact"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.PHONE,
    )
    language = models.ForeignKey(
        "directory.Language",
        verbose_name=_("language for the appointment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=500, blank=True
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20
    )
    consented_at = models.DateTimeField(_("consented at"))
    site_language = models.CharField(
        _("language of the form"), max_length=8, default="el"
    )
    target_groups = models.ManyToManyField(
        "directory.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="+",
        help_text=_("Recorded by the caseworker, for the reports to funders."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled_at = models.DateTimeField(_("appointment time"), null=True, blank=True)
    email_error = models.TextField(
        _("last e-mail failure"),
        blank=True,
        help_text=_("Filled in when an e-mail to or about this person failed."),
    )
    created_at = models.DateTimeField(
        _("received at"), default=timezone.now, editable=False, db_index=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="appt_status_created")
        ]

    def __str__(self):
        # The reference alone: Wagtail's audit log keeps this as the label of
        # every action on the request, long after the person is forgotten.
        return self.reference

    def save(self, *args, **kwargs):
        self.refuse_personal_data_if_anonymised()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.refuse_personal_data_if_anonymised()

    def refuse_personal_data_if_anonymised(self):
        """Once anonymised, a request stays so: it is never purged again, so
        personal data added to it would be kept for ever."""
        if self.anonymised_at and any(getattr(self, name) for name in PERSONAL_FIELDS):
            raise ValidationError(
                _(
                    "This request was anonymised: personal details cannot be "
                    "added to it again. Register a new request instead."
                ),
                code="anonymised",
            )

    @property
    def is_closed(self):
        return self.status in CLOSED

    def where_text(self):
        if self.location is None:
            return ""
        if self.visit_starts_at:
            return f"{self.location} ({moment_text(self.visit_starts_at)})"
        return str(self.location)

    where_text.short_description = _("where")

    def language_text(self):
        """ "Αραβικά (العربية), χρειάζεται διερμηνέα"; "—" when nothing was
        asked."""
        parts = [str(self.language)] if self.language else []
        if self.needs_interpreter:
            parts.append(str(_("needs an interpreter")))
        return ", ".join(parts) or "—"

    language_text.short_description = _("language for the appointment")

    def preferred_days_text(self):
        labels = dict(Weekday.choices)
        return ", ".join(str(labels.get(day, day)) for day in self.preferred_days)

    preferred_days_text.short_description = _("preferred days")

    def preferred_times_text(self):
        labels = dict(TimeSlot.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.preferred_times)

    preferred_times_text.short_description = _("preferred times")

    def target_groups_text(self):
        return ", ".join(group.name for group in self.target_groups.all())

    target_groups_text.short_description = _("target groups")


# What identifies the person: erased by anonymisation, never filled in again.
PERSONAL_FIELDS = ("name", "phone", "email", "message", "accessibility_needs")

# Final statuses: the request's outcome is known (see appointments.workflow).
CLOSED = frozenset(
    {
        AppointmentRequest.Status.COMPLETED,
        AppointmentRequest.Status.CANCELLED,
        AppointmentRequest.Status.NO_SHOW,
    }
)


class HistoryEntry(models.Model):
    """One thing that happened to a request: who did what, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Received")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        SCHEDULED = "scheduled", _("Appointment time set")
        NOTE = "note", _("Note")
        EDITED = "edited", _("Details changed")
        EMAIL_FAILED = "email_failed", _("E-mail failed")
        ANONYMISED = "anonymised", _("Personal data removed")

    request = models.ForeignKey(
        AppointmentRequest,
        verbose_name=_("appointment request"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(
        _("who (name)"),
        max_length=150,
        blank=True,
        help_text=_("Kept when the user account is removed."),
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    old_value = models.CharField(_("from"), max_length=100, blank=True)
    new_value = models.CharField(_("to"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request.reference} {self.get_action_display()}"

    def _label(self, value):
        """The stored code as staff read it: a status or a source by its
        translated label ("new" -> "Νέο"); anything else as stored."""
        if self.action == self.Action.STATUS:
            labels = dict(AppointmentRequest.Status.choices)
        elif self.action == self.Action.CREATED:
            labels = dict(AppointmentRequest.Source.choices)
        else:
            labels = {}
        return str(labels.get(value, value))

    @property
    def old_label(self):
        return self._label(self.old_value)

    @property
    def new_label(self):
        return self._label(self.new_value)
