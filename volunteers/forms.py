from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.abuse import AbuseProtectedFormMixin
from core.forms import (
    AccessibleFormMixin,
    CheckboxGroup,
    ChoicesByIdField,
    EmailAddressField,
    PersonContactMixin,
)
from core.weekdays import Weekday
from directory.forms import LanguageChoicesField
from directory.models import Language, Municipality
from volunteers.models.volunteers import DayPart, Skill, availability_choices


def municipalities_for(locale_id):
    """Municipalities in the visitor's language, in Greek where untranslated."""
    default = Municipality.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if locale_id is None:
        return default
    translated = Municipality.objects.filter(locale_id=locale_id)
    return translated | default.exclude(
        translation_key__in=translated.values("translation_key")
    )


class VolunteerSignupForm(
    PersonContactMixin, AccessibleFormMixin, AbuseProtectedFormMixin, forms.Form
):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We will send you a link to confirm your sign-up."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=32,
        required=False,
        help_text=_("So that a coordinator can call you. For example 6912345678."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live (optional)"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Choose…"),
    )
    skills = forms.MultipleChoiceField(
        label=_("What could you help with? (optional)"),
        choices=Skill.choices,
        required=False,
        widget=CheckboxGroup,
    )
    languages = LanguageChoicesField(
        label=_("Languages you speak (optional)"),
        queryset=Language.objects.none(),
        required=False,
        widget=CheckboxGroup,
    )
    availability = forms.MultipleChoiceField(
        label=_("When could you help?"),
        help_text=_("Choose every time that usually suits you."),
        choices=availability_choices,
        widget=CheckboxGroup,
        error_messages={"required": _("Choose at least one time when you could help.")},
    )
    interests = ChoicesByIdField(
        label=_("Which opportunities interest you? (optional)"),
        queryset=Page.objects.none(),
        required=False,
        widget=CheckboxGroup,
    )
    message = forms.CharField(
        label=_("Anything you would like to tell us (optional)"),
        max_length=2000,
        required=False,
        help_text=_("At most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_adult = forms.BooleanField(
        label=_("I am 18 or over"),
        error_messages={"required": _("Volunteers must be 18 or over.")},
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the Community Centre "
            "keeps these details to organise volunteering"
        ),
        error_messages={
            "required": _("We can only keep your sign-up with your consent.")
        },
    )
    may_contact_about_future = forms.BooleanField(
        label=_("You may contact me about future volunteering opportunities"),
        required=False,
    )

    def __init__(self, *args, locale_id=None, opportunities=None, **kwargs):
        """``opportunities``: the opportunity pages offered (a queryset)."""
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_for(locale_id)
        self.fields["languages"].queryset = Language.objects.all()
        if opportunities is not None:
            self.fields["interests"].queryset = opportunities

    def clean_municipality(self):
        """Keep the Greek term, so that coordinators filter on one list."""
        municipality = self.cleaned_data["municipality"]
        if municipality is None:
            return None
        default = Municipality.objects.filter(
            translation_key=municipality.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).first()
        return default or municipality

    def availability_rows(self):
        """The availability checkboxes grouped by weekday, three to a day."""
        subwidgets = list(self["availability"].subwidgets)
        parts = list(DayPart)
        rows = []
        for index, day in enumerate(Weekday):
            boxes = subwidgets[index * len(parts) : (index + 1) * len(parts)]
            rows.append((day, list(zip(parts, boxes, strict=True))))
        return rows


class WithdrawalRequestForm(forms.Form):
    email = EmailAddressField(
        label=_("E-mail you signed up with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
