"""Filters shared by the staff's lists (appointment requests, volunteers)."""

import django_filters
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.forms import ChoiceByIdField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """Refuses ids too large for a database column instead of crashing."""

    field_class = ChoiceByIdField


class EmailFailedFilter(django_filters.BooleanFilter):
    """Records whose last e-mail could not be sent (yes), or none failed (no)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail could not be sent"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        if value:
            return queryset.exclude(email_error="")
        return queryset.filter(email_error="")


def staff_locale_id():
    """The locale of the staff member's language, else the default one."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    for code in (language.split("-")[0], settings.LANGUAGE_CODE):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            return locale.pk
    return None


def one_per_thing(queryset, locale_id):
    """``queryset`` (of a translatable model) narrowed to one object per
    ``translation_key``: the translation in ``locale_id`` where there is one,
    else the default language's (settings.LANGUAGE_CODE), else the first
    made. A Greek-only opportunity is still offered to an English-speaking
    coordinator, in Greek, and a translated one only once. The order of
    ``queryset`` is kept. Reads the (small) option lists in one query."""
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    default_id = default.pk if default is not None else None

    def rank(locale):
        return (locale != locale_id, locale != default_id)

    chosen = {}
    rows = queryset.order_by().values_list("pk", "translation_key", "locale_id")
    for pk, key, locale in sorted(rows, key=lambda row: row[0]):
        best = chosen.get(key)
        if best is None or rank(locale) < rank(best[1]):
            chosen[key] = (pk, locale)
    return queryset.filter(pk__in=[pk for pk, _locale in chosen.values()])


class TranslatedChoiceFilter(ModelChoiceFilter):
    """One option per thing, whatever locale records point at: the options
    are the translatable ``model``'s objects once each, in the staff member's
    locale where translated (see one_per_thing), with their labels in that
    language; choosing one finds records that point at any translation of
    it (the same ``translation_key``), so that a sign-up on the English page
    counts for the Greek opportunity.

    ``narrow`` (a function of a queryset) may narrow or order the options
    further; the locale is applied to it on each request.
    """

    def __init__(self, *args, model=None, narrow=None, **kwargs):
        self.translatable_model = model
        self.narrow = narrow

        def options(request):
            queryset = model._default_manager.all()
            if narrow is not None:
                queryset = narrow(queryset)
            return one_per_thing(queryset, staff_locale_id())

        kwargs["queryset"] = options
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value in ([], (), {}, "", None):
            return queryset
        lookup = f"{self.field_name}__translation_key"
        return queryset.filter(**{lookup: value.translation_key}).distinct()
