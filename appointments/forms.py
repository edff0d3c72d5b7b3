import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from appointments import places
from appointments.models.requests import AppointmentRequest, TimeSlot
from appointments.workflow import next_statuses
from core import privacy
from core.abuse import AbuseProtectedFormMixin
from core.forms import (
    AccessibleFormMixin,
    CheckboxGroup,
    ChoiceByIdField,
    EmailAddressField,
    PersonContactMixin,
    RadioGroup,
)
from core.weekdays import WORKING_DAYS
from directory.forms import LanguageChoiceField
from directory.models import Language, ServicePage, TargetGroup
from events.models import EventPage

Channel = AppointmentRequest.Channel


def services_for(locale_id):
    """Services that take appointment requests, in the visitor's language
    where translated and in Greek otherwise; none under a view restriction."""
    services = (
        ServicePage.objects.live()
        .filter(accepts_appointments=True)
        .filter(privacy.public_q())
    )
    default = services.filter(locale__language_code=settings.LANGUAGE_CODE)
    if locale_id is None:
        return default.order_by("sort_title", "title", "pk")
    translated = services.filter(locale_id=locale_id)
    return (
        translated
        | default.exclude(translation_key__in=translated.values("translation_key"))
    ).order_by("sort_title", "title", "pk")


def in_default_language(page):
    """The Greek version of a page, so that the reports count one service."""
    if page is None or page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    default = (
        ServicePage.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .select_related("locale")
        .first()
    )
    return default or page


class ServiceChoiceField(ChoiceByIdField):
    def label_from_instance(self, obj):
        return obj.title


class RequestFieldsMixin(PersonContactMixin, forms.Form):
    """The questions of a request, asked on the web and by staff on the phone."""

    service = ServiceChoiceField(
        label=_("What do you need help with?"),
        queryset=ServicePage.objects.none(),
        required=False,
        empty_label=_("I am not sure, or something else"),
        help_text=_("Choose a programme or service, or tell us in the message."),
    )
    where = forms.ChoiceField(
        label=_("Where would you like to meet us?"),
        help_text=_(
            "At the Community Centre, at its branch, or when the Mobile Unit "
            "visits your area."
        ),
        error_messages={"invalid_choice": _("Choose one of the places in the list.")},
    )
    preferred_days = forms.TypedMultipleChoiceField(
        label=_("Which days suit you? (optional)"),
        help_text=_("Leave empty if any weekday suits you."),
        choices=[(day.value, day.label) for day in WORKING_DAYS],
        coerce=int,
        required=False,
        widget=CheckboxGroup,
    )
    preferred_times = forms.MultipleChoiceField(
        label=_("Which times suit you? (optional)"),
        choices=TimeSlot.choices,
        required=False,
        widget=CheckboxGroup,
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        help_text=_("For example 6912345678. Give a phone, an e-mail, or both."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = EmailAddressField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        help_text=_("We will send the reference number of your request there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Not preset: a person who gives only an e-mail must not be told to
    # give a phone because of a choice they never made (see clean()).
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        help_text=_(
            "If you do not choose, we use what you gave: the phone, or else the e-mail."
        ),
        choices=Channel.choices,
        required=False,
        widget=RadioGroup,
    )
    language = LanguageChoiceField(
        label=_("In which language would you like to talk? (optional)"),
        help_text=_("If you leave it empty, we will use the language of this page."),
        queryset=Language.objects.all(),
        required=False,
        empty_label=_("Choose…"),
    )
    needs_interpreter = forms.BooleanField(
        label=_("I need an interpreter"), required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Anything we should arrange for you? (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "For example a step-free entrance, sign language, or a visit at home. "
            "At most 500 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Tell us briefly what it is about (optional)"),
        max_length=2000,
        required=False,
        help_text=_("At most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def setup_choices(self, page, now=None):
        self.fields["service"].queryset = services_for(page.locale_id)
        choices, self.where_options = places.where_options(page, now)
        self.fields["where"].choices = choices

    def clean_service(self):
        return in_default_language(self.cleaned_data["service"])

    def clean(self):
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if "phone" not in self.errors and "email" not in self.errors:
            if not phone and not email:
                self.add_error(
                    "phone",
                    forms.ValidationError(
                        _("Give a phone number or an e-mail address."),
                        code="no_contact",
                    ),
                )
        channel = cleaned.get("preferred_contact") or (
            Channel.PHONE if phone else Channel.EMAIL if email else ""
        )
        if channel:
            cleaned["preferred_contact"] = channel
        if channel == Channel.EMAIL and not email and "email" not in self.errors:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Give your e-mail address, or choose to be phoned."),
                    code="no_email",
                ),
            )
        if (
            channel in (Channel.PHONE, Channel.SMS)
            and not phone
            and email
            and "phone" not in self.errors
        ):
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Give your phone number, or choose to be e-mailed."),
                    code="no_phone",
                ),
            )
        option = self.where_options.get(cleaned.get("where"))
        if option is not None:
            cleaned["location"] = option.location
            cleaned["visit_event"] = None
            cleaned["visit_event_id"] = option.visit_event_id
            cleaned["visit_starts_at"] = option.visit_starts_at
        return cleaned

    def answers(self):
        """The cleaned answers in the shape submission.create_request takes."""
        data = dict(self.cleaned_data)
        event_id = data.pop("visit_event_id", None)
        if event_id is not None:
            data["visit_event"] = EventPage.objects.filter(pk=event_id).first()
        return data


class AppointmentRequestForm(
    AccessibleFormMixin, AbuseProtectedFormMixin, RequestFieldsMixin, forms.Form
):
    """The public form."""

    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the Community Centre "
            "keeps these details to arrange my appointment"
        ),
        error_messages={
            "required": _("We can only keep your request with your consent.")
        },
    )

    def __init__(self, *args, page, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_choices(page, now)


class StaffRequestForm(AccessibleFormMixin, RequestFieldsMixin, forms.Form):
    """A request taken by phone or at the desk, entered by a caseworker."""

    source = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (AppointmentRequest.Source.PHONE, AppointmentRequest.Source.PHONE.label),
            (
                AppointmentRequest.Source.WALK_IN,
                AppointmentRequest.Source.WALK_IN.label,
            ),
        ],
        widget=RadioGroup,
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "The person was told about the privacy notice and agreed that we "
            "keep these details"
        ),
        error_messages={"required": _("A request is only kept with consent.")},
    )

    def __init__(self, *args, page, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_choices(page, now)


class StatusCheckForm(AccessibleFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("For example KK-7H4K-M2QD, as in our e-mail or on your note."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        # Messages that name what is missing read well on their own in the
        # error summary (GOV.UK's pattern).
        error_messages={"required": _("Enter the reference number.")},
    )
    contact = forms.CharField(
        label=_("Your e-mail, or the last four digits of your phone"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter your e-mail or the last four digits of your phone.")
        },
    )


# The caseworkers' actions on a request.


def staff_users():
    """People who may work on requests: caseworkers and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name="Caseworkers") | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class StaffChoiceField(ChoiceByIdField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    assignee = StaffChoiceField(
        label=_("Assign to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args, request_obj, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(AppointmentRequest.Status.choices)
        self.fields["status"].choices = [
            (status, labels[status]) for status in next_statuses(request_obj)
        ]


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Appointment time"),
        help_text=_("Day and time, Greek time, e.g. 2026-05-12 10:30."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    # Set by the "Set it anyway" button, after appointments.scheduling's
    # warnings were shown for this very time.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by caseworkers."),
    )


class RequestDetailsForm(PersonContactMixin, forms.ModelForm):
    """What a caseworker may correct or add after talking to the person."""

    class Meta:
        model = AppointmentRequest
        fields = [
            "name",
            "phone",
            "email",
            "preferred_contact",
            "language",
            "needs_interpreter",
            "accessibility_needs",
            "target_groups",
        ]
        widgets = {"target_groups": forms.CheckboxSelectMultiple}
        field_classes = {"email": EmailAddressField}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )


class MonthField(forms.CharField):
    """A month as YYYY-MM (what <input type="month"> sends), cleaned to its
    first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if len(value) > 7:
            raise forms.ValidationError(
                _("Enter a month as year-month, e.g. 2026-01."), code="month"
            )
        try:
            year, month = (int(part) for part in value.split("-"))
            return datetime.date(year, month, 1)
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(
                _("Enter a month as year-month, e.g. 2026-01."), code="month"
            ) from error


class ReportFilterForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Count by"),
        required=False,
        choices=[
            ("service", _("Service")),
            ("location", _("Place")),
            ("target_group", _("Target group")),
            ("status", _("Status")),
        ],
    )
    first = MonthField(label=_("From (month)"), required=False)
    last = MonthField(label=_("To (month)"), required=False)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The last month comes before the first."))
        return cleaned
