from django import forms
from django.db import models

from core.weekdays import Weekday


class WeekdaysFormField(forms.TypedMultipleChoiceField):
    """Tick boxes for weekdays, cleaned to the stored text "0,2"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        kwargs.setdefault("choices", Weekday.choices)
        kwargs["coerce"] = int
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [int(part) for part in value.split(",") if part.strip()]
        return value

    def to_python(self, value):
        return super().to_python(self.prepare_value(value))

    def clean(self, value):
        days = super().clean(value)
        return ",".join(str(day) for day in sorted(set(days)))


class WeekdaysField(models.CharField):
    """A set of weekdays (0 = Monday) stored as comma-separated text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WeekdaysFormField, **kwargs})


def weekday_numbers(value):
    return [int(part) for part in (value or "").split(",") if part.strip()]
