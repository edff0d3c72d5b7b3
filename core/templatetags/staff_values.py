"""``{{ value|staff_value }}``: a value as staff read it (core.staff_values)."""

from django import template

from core import staff_values

register = template.Library()


@register.filter
def staff_value(value):
    return staff_values.display(value)
