"""Taxonomies shared by every part of the site (HSDS taxonomy terms).

Slugs are the same in every language, so a filter link such as
``?audience=roma`` means the same thing on the Greek and English site. The
translation key doubles as the HSDS id of a term.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index

from directory import languages
from search.analysis import sort_key


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=1000)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Latin letters, used in addresses; the same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    # The name folded for sorting (search.analysis.sort_key), kept by save():
    # Ά, Α and α sort together on every database.
    sort_name = models.CharField(max_length=255, default="", editable=False)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "sort_name", "name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)


class TargetGroup(TaxonomyTerm):
    """A group of people a programme, campaign or event is meant for."""

    description = models.TextField(_("description"), blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_target_group_slug_per_locale"
            )
        ]


class Category(TaxonomyTerm):
    """A topic of the directory, in a tree: Housing › Rent allowance."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_category_slug_per_locale"
            )
        ]

    def clean(self):
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A category cannot sit under itself.")}
                )
            ancestor = ancestor.parent


class FormerCategorySlugQuerySet(models.QuerySet):
    def renamed(self, slug):
        """The slug now of the category once called ``slug``; None when ``slug``
        is a category's slug today (a slug given up may be taken again) or was
        never one. One query."""
        former = (
            self.filter(slug=slug)
            .exclude(slug__in=Category.objects.filter(slug=slug).values("slug"))
            .select_related("category")
            .first()
        )
        return former.category.slug if former else None


class FormerCategorySlug(models.Model):
    """A slug a category had before it was renamed, so that a list filtered by
    it (``?category=<old>``, from a bookmark, a leaflet or another site) is
    sent on to the same list under the new slug (directory.views.directory).

    Whoever renames a category records its old slug here: the demo's ELOT 743
    renames do (portal.demo.renames). The mapping is data in the directory,
    not a table in portal, because the directory may not import portal (the
    layers in design.md); Wagtail's redirects cannot do it, as they match
    paths and ignore a query string.
    """

    slug = models.SlugField(_("old slug"), max_length=80, unique=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="former_slugs",
    )

    objects = FormerCategorySlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("former slug of a category")
        verbose_name_plural = _("former slugs of categories")

    def __str__(self):
        return f"{self.slug} → {self.category.slug}"


class Municipality(TaxonomyTerm):
    """A municipality a service or the Mobile Unit covers (HSDS service area)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_municipality_slug_per_locale"
            )
        ]


class Language(models.Model):
    """A language a service is offered in or a volunteer speaks (ISO 639-1)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=1000)
    autonym = models.CharField(
        _("name in the language itself"), max_length=80, blank=True
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return languages.label(self)


class ForeignTerm(models.Model):
    """A taxonomy term of another vocabulary, as a partner's HSDS file gave it
    (e.g. Open Eligibility, or a region's own list): kept whole, with the
    services that carried it, for an editor to map to one of our categories
    or target groups. Once mapped, every import gives the term's services the
    mapped category or group (directory.hsds.importer)."""

    hsds_id = models.UUIDField(_("HSDS id"), unique=True, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=1000)
    taxonomy_uri = models.URLField(_("taxonomy address"), max_length=2000, blank=True)
    code = models.CharField(_("code"), max_length=1000, blank=True)
    name = models.CharField(_("name"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("our category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foreign_terms",
        help_text=_("Services with this term get this category at the next import."),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("our target group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foreign_terms",
        help_text=_(
            "Services with this term get this target group at the next import."
        ),
    )
    services = models.ManyToManyField(
        "directory.ServicePage",
        verbose_name=_("services"),
        blank=True,
        related_name="foreign_terms",
    )

    class Meta:
        verbose_name = _("term of another taxonomy")
        verbose_name_plural = _("terms of other taxonomies")
        ordering = ["taxonomy", "name"]

    def __str__(self):
        return f"{self.taxonomy}: {self.name}"

    def mapped(self):
        """Our terms this one is mapped to: a list of 0 to 2 of them."""
        return [term for term in (self.category, self.target_group) if term]
