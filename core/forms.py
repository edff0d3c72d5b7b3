"""What every public form shares: accessible errors and hints, phone numbers,
and id fields that refuse impossible values."""

import idna
import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.slugs import latin_slug

PHONE_REGION = "GR"
CHARSET_MESSAGE = _(
    "Your browser sent the form in a way we cannot read. Please check your "
    "answers and send it again."
)


def refuse_unreadable_charset(request, form):
    """Every page is UTF-8, and so is every form a browser sends from it; a
    form declared in another character set (``charset=iso-8859-7``, read by
    core.middleware.FormCharsetMiddleware) may have been read wrongly, so it
    comes back with an error for the person to check, and nothing is stored.
    True when the form was refused."""
    if not getattr(request, "declared_charset", None):
        return False
    form.add_error(None, forms.ValidationError(CHARSET_MESSAGE, code="charset"))
    return True


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


def reject_address_literal(value):
    """A mail domain must be a name: ``someone@[127.0.0.1]``, which Django's
    validator accepts, would have the site send mail to any machine."""
    domain = value.rpartition("@")[2]
    if domain.startswith("[") or "." not in domain:
        raise forms.ValidationError(
            _("Enter an e-mail address, for example name@example.com."),
            code="invalid",
        )


def normalise_email(address):
    """The one form of an e-mail address, for storing and for every lookup.

    ``" Eleni@Παράδειγμα.ελ "`` and ``"eleni@xn--hxajbheg2az3al.xn--qxam"``
    (what Chromium sends for the same address, while Firefox sends it as
    typed) are both ``"eleni@xn--hxajbheg2az3al.xn--qxam"``: surrounding
    spaces gone, the domain in its ASCII (IDNA, UTS #46 as browsers apply
    it) form, everything in lower case, so addresses compare without regard
    to case. (The local part is case-sensitive in theory; no mail provider
    the Centre's public uses treats it so, and two records for one person
    are the worse risk.) A domain that is not a valid name is left as typed
    (lower case): the form's validator then refuses it; "" stays "".
    """
    address = str(address or "").strip()
    local, at, domain = address.rpartition("@")
    if not at:
        return address.lower()
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        pass
    return f"{local}@{domain}".lower()


class EmailAddressField(forms.EmailField):
    """An e-mail address the site may write to: no address literals; its
    cleaned value is :func:`normalise_email`'s one form."""

    default_validators = [*forms.EmailField.default_validators, reject_address_literal]

    def to_python(self, value):
        return normalise_email(super().to_python(value))


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


class PersonContactMixin:
    """``clean_name`` and ``clean_phone`` for a form in which a person says who
    they are: the name with its spaces collapsed and at least one letter, the
    phone as ``normalise_phone`` writes it ("" when not given)."""

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalpha() for character in name):
            raise forms.ValidationError(_("Enter your name."), code="name")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""


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
        """(anchor, text) pairs for the summary of errors at the top.

        The text is the message itself when the form wrote one for that
        field (GOV.UK's pattern: "We can only keep your request with your
        consent."), and "label: message" when the message is Django's
        generic one ("This field is required.") that alone would not say
        which field it is about."""
        links = []
        for name in self.fields:
            field = self.fields[name]
            generic = generic_messages(field)
            for message in self.errors.get(name, []):
                bound = self[name]
                anchor = bound.auto_id
                if isinstance(field.widget, GROUP_WIDGETS):
                    anchor = f"{bound.auto_id}_0"
                text = f"{bound.label}: {message}" if message in generic else message
                links.append((anchor, text))
        return links


def generic_messages(field):
    """The error messages a field class has by default, as strings."""
    return {
        str(message)
        for cls in type(field).__mro__
        for message in getattr(cls, "default_error_messages", {}).values()
    }


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


def limit_choices_to_locale(form, locale_id):
    """Every choice field of ``form`` whose options are translatable (they
    have a locale) offers only those in ``locale_id``: a Greek page gets the
    Greek categories, once each, and an English one ticked by hand (or sent
    by a crafted form) is refused as "not one of the available choices"."""
    if locale_id is None:
        return
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model_fields = {f.name for f in queryset.model._meta.get_fields()}
        if "locale" in model_fields and "translation_key" in model_fields:
            field.queryset = queryset.filter(locale_id=locale_id)


class LocaleChoicesPageForm(WagtailAdminPageForm):
    """A page editor whose checkboxes and choosers offer only the page's
    locale (the parent's, for a new page): see limit_choices_to_locale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None)
        if locale_id is None and self.parent_page is not None:
            locale_id = self.parent_page.locale_id
        limit_choices_to_locale(self, locale_id)


class LatinSlugField(forms.SlugField):
    """Every slug field of the admin (pages' and snippets'): what the editor
    or the admin's JavaScript left in Greek (WAGTAIL_ALLOW_UNICODE_SLUGS keeps
    it Greek, rather than its own θ → "8" transliteration) is made Latin here
    by ELOT 743 (core.slugs), before it is checked and stored; a Latin slug an
    editor typed is kept as it is. Registered for every ``models.SlugField``
    in core.apps."""

    def to_python(self, value):
        value = super().to_python(value)
        return latin_slug(value, max_length=self.max_length or 255)
