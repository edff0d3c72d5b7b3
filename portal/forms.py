"""What every public form shares: accessible errors and hints, phone numbers,
and id fields that refuse impossible values."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_REGION = "GR"


def normalise_phone(value):
    """A Greek or international number in E.164 form, or ValidationError."""
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(
            _("Enter a phone number, for example 6912345678."), code="phone"
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("Enter a phone number, for example 6912345678."), code="phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ChoicesByIdField(forms.ModelMultipleChoiceField):
    """Rejects ids no database column can hold before they reach the query
    (SQLite raises OverflowError on them instead of finding nothing)."""

    def _check_values(self, value):
        for key in value:
            try:
                number = int(str(key))
            except (TypeError, ValueError):
                continue  # the parent reports it as invalid
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes rendered one by one by our templates, inside a fieldset."""


class RadioGroup(forms.RadioSelect):
    """Radio buttons rendered one by one by our templates, inside a fieldset."""


GROUP_WIDGETS = (CheckboxGroup, RadioGroup)


class AccessibleFormMixin:
    """Ties hints and error messages to their inputs for screen readers, and
    lists the errors for the summary at the top of the page.

    The templates in ``templates/includes/forms/`` render the fields.
    """

    # Fields never listed among the visible ones (abuse protection).
    hidden_field_names = ("homepage", "started")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        for name, field in self.fields.items():
            if isinstance(field.widget, (forms.HiddenInput, *GROUP_WIDGETS)):
                continue
            bound = self[name]
            described_by = []
            if self._errors and self._errors.get(name):
                described_by.append(f"{bound.auto_id}-error")
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def visible_fields_in_order(self):
        return [
            self[name] for name in self.fields if name not in self.hidden_field_names
        ]

    def error_links(self):
        """(anchor, message) pairs for the summary of errors at the top."""
        links = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                bound = self[name]
                anchor = bound.auto_id
                if isinstance(self.fields[name].widget, GROUP_WIDGETS):
                    anchor = f"{bound.auto_id}_0"
                links.append((anchor, f"{bound.label}: {message}"))
        return links


class ChoiceByIdField(forms.ModelChoiceField):
    """A single choice by id that refuses ids no database column can hold."""

    def to_python(self, value):
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return super().to_python(value)
        if not -(2**63) <= number < 2**63:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
