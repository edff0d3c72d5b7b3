"""A partner's check of its own service record (issue #25, part 2): when a
service falls due, its partner gets a signed link by e-mail, is reminded,
and answers "still correct" or sends changes that wait for a Moderator
(directory.partner_review holds the rules)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReviewRequest(models.Model):
    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed as correct")
        CHANGED = "changed", _("Changes sent for approval")
        FLAGGED = "flagged", _("No answer: passed to the staff")

    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="review_requests",
    )
    email = models.EmailField(_("sent to"))
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    # The day the rules made it (Athens), from which reminders count.
    requested_on = models.DateField(_("asked on"))
    # 1 once the first e-mail went out, 2 and 3 after the reminders.
    sent_count = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    last_sent_at = models.DateTimeField(_("last e-mail on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    # The draft the partner's changes made; kept when the request goes.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("draft with the changes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_note = models.TextField(
        _("what changed about places or hours"), blank=True, max_length=2000
    )
    flagged_at = models.DateTimeField(
        _("passed to the staff on"), null=True, blank=True
    )
    email_error = models.TextField(_("e-mail problem"), blank=True)

    class Meta:
        verbose_name = _("partner check")
        verbose_name_plural = _("partner checks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["answered_at", "flagged_at"])]

    def __str__(self):
        return str(self.service)

    @property
    def is_open(self):
        """Waiting for the partner: neither answered nor passed to the staff."""
        return self.answered_at is None and self.flagged_at is None

    def diff_path(self):
        """The admin's compare view of the live page against the partner's
        draft; "" when the partner changed nothing."""
        if self.revision_id is None:
            return ""
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.service_id, "live", self.revision_id],
        )
