"""Filters shared by the staff's lists (appointment requests, volunteers)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.forms import ChoiceByIdField


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
