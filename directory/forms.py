"""Form fields that offer the directory's records to a visitor, the public
"Is something wrong on this page?" form, and the partner's check of its
service."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.abuse import AbuseProtectedFormMixin
from core.forms import (
    AccessibleFormMixin,
    ChoiceByIdField,
    ChoicesByIdField,
    EmailAddressField,
    LocaleChoicesPageForm,
    RadioGroup,
    normalise_phone,
)
from core.staff import staff_users, user_label
from directory import languages
from directory.models.corrections import DETAILS_MAX_LENGTH, CorrectionReport


class LanguageChoiceIterator(ModelChoiceIterator):
    """The languages of a choice field in the alphabetical order of the
    language the form is shown in, read when the widget is drawn."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for language in languages.in_reading_order(self.queryset):
            yield self.choice(language)


class LanguageChoiceField(ChoiceByIdField):
    """One language by its id, each named "Albanian (Shqip)" in the page's
    language (directory.languages.label) and sorted for it."""

    iterator = LanguageChoiceIterator


class LanguageChoicesField(ChoicesByIdField):
    """Languages by their ids, named and sorted as LanguageChoiceField."""

    iterator = LanguageChoiceIterator


class ReviewOwnersFormMixin:
    """An editor of a record under review (#25): the staff who check it
    are chosen among staff and named as colleagues know them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = self.fields.get("review_owners")
        if owners is not None:
            owners.queryset = review_owner_choices(self.instance)
            owners.label_from_instance = user_label


class ServicePageForm(ReviewOwnersFormMixin, LocaleChoicesPageForm):
    """The service editor: choices of the page's locale only, its languages
    named and sorted for the editor's language, and the staff who check it
    chosen among staff (#25)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("languages")
        if field is not None:
            field.iterator = LanguageChoiceIterator
            field.widget.choices = field.choices


class ReviewedSnippetForm(ReviewOwnersFormMixin, WagtailAdminModelForm):
    """The editor of a location or an organisation: the staff who check it
    chosen among staff (#25)."""


def review_owner_choices(record):
    """Who may own the checks of ``record`` (core.staff.staff_users), and
    those who own them already, so that saving a record keeps an owner who
    has since left the staff groups until an editor removes them."""
    current = [user.pk for user in record.review_owners.all()]
    staff = staff_users().values("pk")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=staff) | Q(pk__in=current))
        .order_by("first_name", "last_name", "username")
    )


class CorrectionReportForm(AccessibleFormMixin, AbuseProtectedFormMixin, forms.Form):
    """ "Is something wrong on this page?" (issue #25): what is wrong, a few
    words, and an address only for a visitor who wants to hear of the fix."""

    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=CorrectionReport.Kind.choices,
        widget=RadioGroup,
        error_messages={"required": _("Choose what is wrong.")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        max_length=DETAILS_MAX_LENGTH,
        required=False,
        help_text=_(
            "For example the right phone number or hours. At most 500 "
            "characters. Please do not write about your own situation."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = EmailAddressField(
        label=_("Your e-mail (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only if you want us to tell you when it is corrected."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    tell_me = forms.BooleanField(
        label=_(
            "Tell me by e-mail when it is corrected. The Community Centre keeps "
            "my address only for this and deletes it once I am told, or after "
            "90 days."
        ),
        required=False,
    )

    def clean(self):
        # Before the abuse checks, which stop at the first problem: a person
        # sent back for a fast form also learns what else to mend.
        cleaned = self.cleaned_data
        email, tell_me = cleaned.get("email"), cleaned.get("tell_me")
        if email and not tell_me:
            self.add_error(
                "tell_me",
                forms.ValidationError(
                    _(
                        "Tick the box if you want us to write to you, or leave "
                        "the e-mail empty."
                    ),
                    code="consent",
                ),
            )
        if tell_me and not email and "email" not in self.errors:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Enter the e-mail address we should write to."),
                    code="email",
                ),
            )
        return super().clean()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PartnerReviewForm(AccessibleFormMixin, AbuseProtectedFormMixin, forms.Form):
    """A partner's check of its service (issue #25, part 2), prefilled with
    the public record (directory.partner_review.record_of): the texts, the
    documents and steps one a line, each contact's phone (a field
    ``phone_<n>`` per contact), the application dates and addresses, and
    what changed about places or hours in the partner's words.

    ``changes()`` is what differs from the record, for
    ``partner_review.apply_changes``."""

    summary = forms.CharField(
        label=_("Short description"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    eligibility = forms.CharField(
        label=_("Who can apply"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    documents = forms.CharField(
        label=_("Documents to bring"),
        help_text=_("One document a line."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    steps = forms.CharField(
        label=_("How to apply"),
        help_text=_("One step a line, at most 160 characters each."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    applications_open = forms.DateField(
        label=_("Applications open on"), required=False, widget=DateInput
    )
    applications_close = forms.DateField(
        label=_("Applications close on"), required=False, widget=DateInput
    )
    application_url = forms.URLField(
        label=_("Online application"),
        max_length=200,
        required=False,
        assume_scheme="https",
    )
    website = forms.URLField(
        label=_("Website"), max_length=2000, required=False, assume_scheme="https"
    )
    places_note = forms.CharField(
        label=_("What changed about places or hours?"),
        help_text=_("Leave it empty if nothing changed."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    TEXT_FIELDS = ("summary", "eligibility", "documents", "steps")
    VALUE_FIELDS = (
        "applications_open",
        "applications_close",
        "application_url",
        "website",
    )

    # The value of the button that sends the changes; the other one confirms.
    CHANGES = "changes"

    def __init__(self, *args, record, **kwargs):
        self.record = record
        self.phone_keys = []
        super().__init__(*args, **kwargs)
        for name in (*self.TEXT_FIELDS, *self.VALUE_FIELDS):
            self.initial.setdefault(name, record[name])
        # Before the protection fields, so that the phones read with the rest.
        fields = list(self.fields.items())
        phones = {}
        for index, (key, name, phone) in enumerate(record["phones"]):
            field_name = f"phone_{index}"
            phones[field_name] = forms.CharField(
                label=_("Phone: %(name)s") % {"name": name},
                max_length=100,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            self.initial.setdefault(field_name, phone)
            self.phone_keys.append((field_name, key))
        at = [name for name, _field in fields].index("applications_open")
        self.fields = dict([*fields[:at], *phones.items(), *fields[at:]])
        self._describe_fields()

    def _clean_phone(self, field_name):
        phone = " ".join(self.cleaned_data.get(field_name, "").split())
        if phone:
            normalise_phone(phone)  # refuses what is not a phone number
        return phone

    def clean_steps(self):
        steps = self.cleaned_data["steps"]
        if any(len(line.strip()) > 160 for line in steps.splitlines()):
            raise forms.ValidationError(
                _("Each step can have at most 160 characters."), code="step"
            )
        return steps

    def clean(self):
        # Before the abuse checks, which stop at the first problem.
        for field_name, _key in self.phone_keys:
            if field_name in self.cleaned_data:
                try:
                    self.cleaned_data[field_name] = self._clean_phone(field_name)
                except forms.ValidationError as error:
                    self.add_error(field_name, error)
        opens = self.cleaned_data.get("applications_open")
        closes = self.cleaned_data.get("applications_close")
        if opens and closes and closes < opens:
            self.add_error(
                "applications_close", _("Applications close before they open.")
            )
        if self.sends_changes and not self.errors and not self._has_changes():
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "You have not changed anything. If everything is "
                        "correct, press “Everything is correct”."
                    ),
                    code="unchanged",
                ),
            )
        return super().clean()

    @property
    def sends_changes(self):
        """True for "Send the changes", False for "Everything is correct"."""
        return self.data.get("action") == self.CHANGES

    def _has_changes(self):
        return bool(self.changes() or self.cleaned_data.get("places_note"))

    def changes(self):
        """{field: new value} for what the partner changed; ``phones``:
        {contact translation_key: new phone}. Texts compare line by line,
        whatever line endings the browser sent."""
        found = {}
        for name in self.TEXT_FIELDS:
            value = "\n".join(
                line.strip() for line in self.cleaned_data[name].splitlines()
            ).strip()
            if value != (self.record[name] or "").strip():
                found[name] = value
        for name in self.VALUE_FIELDS:
            if self.cleaned_data[name] != (self.record[name] or _empty(name)):
                found[name] = self.cleaned_data[name]
        phones = {
            key: self.cleaned_data[field_name]
            for (field_name, key), (_key, _name, phone) in zip(
                self.phone_keys, self.record["phones"], strict=True
            )
            if self.cleaned_data[field_name] != phone
        }
        if phones:
            found["phones"] = phones
        return found


def _empty(name):
    return None if name.startswith("applications_") else ""
