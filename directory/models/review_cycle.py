"""The fields of the review cycle (issue #25), once for the three records
the directory checks: services (``ServicePage``), locations and
organisations. The rules that read them are in directory.review."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class CheckedBy(models.TextChoices):
    """Who checked a record last, as its public page says."""

    CENTRE = "centre", _("the Centre")
    ORGANISATION = "organisation", _("the organisation")


class ReviewCycle(models.Model):
    """When a record was last checked and by whom, how often it must be
    checked and which staff check it."""

    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.CharField(
        _("checked by"), max_length=20, choices=CheckedBy.choices, blank=True
    )
    review_interval = models.PositiveSmallIntegerField(
        _("check every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    review_owners = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who check it"),
        blank=True,
        related_name="%(class)s_to_review",
    )

    #: What a check sets: the same on every translation of the record.
    CHECK_FIELDS = ("last_reviewed", "reviewed_by", "review_interval")

    class Meta:
        abstract = True

    @staticmethod
    def review_panel(*more):
        """The editor's "Checking the information" panel; ``more``: panels
        after the owners (the partner's address)."""
        return MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("reviewed_by")]),
                FieldPanel("review_interval"),
                FieldPanel("review_owners", widget=forms.CheckboxSelectMultiple),
                *more,
            ],
            heading=_("Checking the information"),
        )


class TranslatedSnippetReviewCycle(ReviewCycle):
    """The review cycle of a translatable snippet (a location, an
    organisation): a check is of the record, not of one translation, so
    saving one translation's check fields stamps every translation (a
    snippet has no revisions to stamp as well, unlike a service page,
    directory.partner_review.confirm). The staff who check it are read on
    the record in the default language, as for services."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        shared = [
            name
            for name in self.CHECK_FIELDS
            if update_fields is None or name in update_fields
        ]
        if shared:
            type(self)._default_manager.filter(
                translation_key=self.translation_key
            ).exclude(pk=self.pk).update(
                **{name: getattr(self, name) for name in shared}
            )
