"""The needs list: what the centre asks donors to bring now, and what it
has enough of.

An item is a translatable snippet; its Greek version is the one editors keep
current. Category, urgency and quantity are read from the Greek item in every
language (a translation only gives the name), so marking an item urgent once
changes the page in el, en and ar at the same moment.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from search.analysis import sort_key

#: After this long without a change the list is shown as possibly out of
#: date, and editors are reminded to check it (issue 24).
STALE_AFTER = datetime.timedelta(days=14)


class GoodsCategory(models.TextChoices):
    """The kinds of goods a Community Centre collects (the centres' rules
    name "basic goods"; these are the groups donors recognise)."""

    FOOD = "food", _("Food")
    HYGIENE = "hygiene", _("Hygiene")
    BABY = "baby", _("Baby")
    SCHOOL = "school", _("School supplies")
    CLOTHING = "clothing", _("Clothing")
    HOUSEHOLD = "household", _("Household")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NEEDED = "needed", _("Needed")
    ENOUGH = "enough", _("Enough for now: please don't bring")


URGENCY_ORDER = [choice.value for choice in Urgency]
CATEGORY_ORDER = [choice.value for choice in GoodsCategory]


class NeedItem(TranslatableMixin, models.Model):
    """One kind of goods and how much the centre needs it now."""

    category = models.CharField(
        _("category"), max_length=20, choices=GoodsCategory.choices
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_('What to bring, as a donor asks for it: "Baby nappies No 4".'),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NEEDED
    )
    quantity_needed = models.PositiveIntegerField(
        _("quantity still needed"),
        null=True,
        blank=True,
        help_text=_(
            "How many (packs, pieces) are still needed; empty when any amount helps."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("urgency")]),
        FieldPanel("quantity_needed"),
    ]
    # A translation only names the item; how much it is needed is the Greek
    # item's, read in every language.
    override_translatable_fields = [
        SynchronizedField("category"),
        SynchronizedField("urgency"),
        SynchronizedField("quantity_needed"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("needed item")
        verbose_name_plural = _("needs list")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name


@dataclass
class NeedsList:
    """The list as a page or a feed shows it.

    ``groups``: [(category value, category label, [(urgency value, urgency
    label, [NeedItem])])], categories and urgencies in their fixed order,
    empty ones left out; each item's ``name`` is in the asked language where
    translated. ``updated_at``: the newest change to an item (None when the
    list is empty).
    """

    items: list
    updated_at: datetime.datetime | None
    groups: list = field(default_factory=list)

    def is_stale(self, now=None):
        """True when nothing changed for longer than STALE_AFTER."""
        if self.updated_at is None:
            return False
        return (now or timezone.now()) - self.updated_at > STALE_AFTER

    def urgent(self):
        return [item for item in self.items if item.urgency == Urgency.URGENT]


def source_items():
    """The Greek items, whose urgency and quantity count in every language."""
    return NeedItem.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def last_change():
    """When the list last changed (the newest item's change), or None."""
    return source_items().aggregate(newest=Max("updated_at"))["newest"]


def needs_list(language_code=None, urgency=None):
    """The needs list in a language, in one query (the Greek items and their
    translations into that language together).

    ``urgency``: only the items of this urgency (the home page's urgent ones).
    """
    language_code = language_code or settings.LANGUAGE_CODE
    rows = NeedItem.objects.filter(
        locale__language_code__in={settings.LANGUAGE_CODE, language_code}
    ).annotate(language_code=F("locale__language_code"))
    names = {}
    items = []
    for row in rows:
        if row.language_code == settings.LANGUAGE_CODE:
            items.append(row)
        if row.language_code == language_code:
            names[row.translation_key] = row.name
    updated_at = max((item.updated_at for item in items), default=None)
    if urgency is not None:
        items = [item for item in items if item.urgency == urgency]
    for item in items:
        item.name = names.get(item.translation_key, item.name)
    items.sort(
        key=lambda item: (
            CATEGORY_ORDER.index(item.category),
            URGENCY_ORDER.index(item.urgency),
            sort_key(item.name),
        )
    )
    return NeedsList(items=items, updated_at=updated_at, groups=group(items))


def group(items):
    """Items (already sorted) by category, then by urgency."""
    urgency_labels = dict(Urgency.choices)
    groups = []
    for category, label in GoodsCategory.choices:
        in_category = [item for item in items if item.category == category]
        if not in_category:
            continue
        by_urgency = [
            (urgency, urgency_labels[urgency], found)
            for urgency in URGENCY_ORDER
            if (found := [item for item in in_category if item.urgency == urgency])
        ]
        groups.append((category, label, by_urgency))
    return groups


def set_urgency(items, urgency):
    """Give ``items`` (NeedItem objects in any language) the urgency
    ``urgency`` (an Urgency value); return the Greek items changed, a list.

    The Greek item and its translations are saved together, one by one
    rather than with ``update()``: ``updated_at`` moves (setting an item that
    is still right counts as checking it, as saving it does) and the
    post_save signal clears the home page's cached urgent needs
    (goods.signals). Raises ValueError for an unknown urgency.
    """
    if urgency not in URGENCY_ORDER:
        raise ValueError(f"unknown urgency {urgency!r}")
    keys = {item.translation_key for item in items}
    greek = []
    for item in NeedItem.objects.filter(translation_key__in=keys).select_related(
        "locale"
    ):
        item.urgency = urgency
        item.save(update_fields=["urgency", "updated_at"])
        if item.locale.language_code == settings.LANGUAGE_CODE:
            greek.append(item)
    return greek
