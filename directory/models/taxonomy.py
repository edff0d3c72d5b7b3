"""Taxonomies shared by every part of the site (HSDS taxonomy terms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index


class TargetGroup(TranslatableMixin, index.Indexed, models.Model):
    """A group of people a programme, campaign or event is meant for.

    The slug is the same in every language, so a filter link such as
    ``?audience=roma`` means the same thing on the Greek and English site.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Latin letters, used in addresses; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_target_group_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name
