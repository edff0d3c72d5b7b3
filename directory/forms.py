"""Form fields that offer the directory's records to a visitor, and the
public "Is something wrong on this page?" form."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.abuse import AbuseProtectedFormMixin
from core.forms import (
    AccessibleFormMixin,
    ChoiceByIdField,
    ChoicesByIdField,
    EmailAddressField,
    LocaleChoicesPageForm,
    RadioGroup,
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


class ServicePageForm(LocaleChoicesPageForm):
    """The service editor: choices of the page's locale only, its languages
    named and sorted for the editor's language, and the staff who check it
    chosen among staff (#25)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("languages")
        if field is not None:
            field.iterator = LanguageChoiceIterator
            field.widget.choices = field.choices
        owners = self.fields.get("review_owners")
        if owners is not None:
            owners.queryset = review_owner_choices(self.instance)
            owners.label_from_instance = user_label


def review_owner_choices(service):
    """Who may own the checks of ``service`` (core.staff.staff_users), and
    those who own them already, so that saving a page keeps an owner who has
    since left the staff groups until an editor removes them."""
    current = [user.pk for user in service.review_owners.all()]
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
