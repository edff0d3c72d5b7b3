"""A visitor's report that something on a service, location or organisation
page is wrong (issue #25, part 3): what is wrong, in their words, and, only
when they asked to be told of the fix, an e-mail address that is erased once
they were told (directory.corrections, directory.retention)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The free text is short: a sentence or two is what editors need, and a
# short field invites no personal story.
DETAILS_MAX_LENGTH = 500


class CorrectionReport(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", _("The phone number is wrong")
        HOURS = "hours", _("The opening hours are wrong")
        CLOSED = "closed", _("It has closed")
        MOVED = "moved", _("It has moved")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("correction report", "New")
        FIXED = "fixed", pgettext_lazy("correction report", "Fixed")
        DISMISSED = "dismissed", pgettext_lazy("correction report", "Dismissed")

    # Exactly one of the three: the record whose public page the visitor
    # was reading, in the language they read it. SET_NULL keeps the report
    # (and the freshness figure) when a record is deleted.
    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction_reports",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction_reports",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction_reports",
    )
    record_name = models.CharField(_("about"), max_length=255)
    page_url = models.URLField(_("public page"), max_length=500)
    kind = models.CharField(_("what is wrong"), max_length=10, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True, max_length=DETAILS_MAX_LENGTH)
    email = models.EmailField(_("e-mail to tell when fixed"), blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=40, blank=True
    )
    language = models.CharField(_("language of the form"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    staff_note = models.TextField(_("staff note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    resolved_at = models.DateTimeField(
        _("fixed or dismissed on"), null=True, blank=True
    )
    notified_at = models.DateTimeField(_("reporter told on"), null=True, blank=True)
    email_error = models.TextField(_("e-mail problem"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("correction report")
        verbose_name_plural = _("correction reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                name="correction_report_about_one_record",
                condition=(
                    models.Q(
                        service__isnull=False,
                        location__isnull=True,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        service__isnull=True,
                        location__isnull=False,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        service__isnull=True,
                        location__isnull=True,
                        organisation__isnull=False,
                    )
                    # A deleted record leaves all three empty.
                    | models.Q(
                        service__isnull=True,
                        location__isnull=True,
                        organisation__isnull=True,
                    )
                ),
            )
        ]

    def __str__(self):
        # Never the reporter's address: Wagtail's audit log keeps this label.
        return f"{self.record_name}: {self.get_kind_display()}"

    @property
    def record(self):
        """The service page, location or organisation; None once deleted."""
        return self.service or self.location or self.organisation
