from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import TranslatableMixin


class AlertBannerQuerySet(models.QuerySet):
    def shown_at(self, moment, locale):
        """The banners shown in a language at a moment: its own, and those of
        the default language (Greek) not translated into it, which the
        template labels as such. A translation, even a disabled one, stands
        in for its original."""
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        own = self.filter(locale=locale)
        untranslated = Q(locale__language_code=default) & ~Q(
            translation_key__in=own.values("translation_key")
        )
        return self.filter(
            Q(locale=locale) | untranslated, is_enabled=True, starts_at__lte=moment
        ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=moment))


class AlertBanner(TranslatableMixin, models.Model):
    """A notice at the top of every page within a date window (e.g. closures)."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        WARNING = "warning", _("Warning")
        CLOSURE = "closure", _("Closure")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION
    )
    title = models.CharField(_("title"), max_length=120)
    message = models.TextField(_("message"), max_length=400)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page with more information"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(_("show until"), null=True, blank=True)
    is_enabled = models.BooleanField(_("enabled"), default=True)

    objects = AlertBannerQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("message"),
        PageChooserPanel("link_page"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("is_enabled"),
    ]

    class Meta(TranslatableMixin.Meta):
        # The table of the app it was first made in (portal): moving the model
        # to core changed no data.
        db_table = "portal_alertbanner"
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
