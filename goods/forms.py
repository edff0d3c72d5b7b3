"""The donation pledge form (public). Staff edit pledges with
goods.admin_forms."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.abuse import AbuseProtectedFormMixin
from core.forms import (
    AccessibleFormMixin,
    EmailAddressField,
    PersonContactMixin,
    RadioGroup,
)
from directory import calendar
from goods.models.needs import GoodsCategory

# How far ahead a pledge may be made: the list changes within weeks.
LATEST_DAYS_AHEAD = 60


class PledgeForm(
    PersonContactMixin, AccessibleFormMixin, AbuseProtectedFormMixin, forms.Form
):
    category = forms.ChoiceField(
        label=_("What kind of goods?"),
        choices=GoodsCategory.choices,
        widget=RadioGroup,
    )
    what = forms.CharField(
        label=_("What will you bring?"),
        max_length=200,
        help_text=_('For example "pulses and olive oil".'),
    )
    amount = forms.CharField(
        label=_("Roughly how much? (optional)"),
        max_length=100,
        required=False,
        help_text=_('For example "two bags" or "a box".'),
    )
    bring_on = forms.DateField(
        label=_("On which day will you bring it?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A day the drop-off point is open (see its hours above)."),
        error_messages={"invalid": _("Enter a date, for example 2026-12-01.")},
    )
    drop_off_location = forms.TypedChoiceField(
        label=_("Where will you bring it?"),
        coerce=int,
        widget=RadioGroup,
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        help_text=_("A phone or an e-mail address, so that we can reach you."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = EmailAddressField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        help_text=_("We send a confirmation to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that the Community Centre keeps these details to arrange "
            "my donation"
        ),
        error_messages={
            "required": _("We can only keep your pledge with your consent.")
        },
    )

    def __init__(self, *args, points=(), today=None, **kwargs):
        """``points``: the page's DropOffPoint objects from
        goods.places.drop_off_points (a location in the visitor's language
        to show, ``stored_location_id`` to store); ``today``: Athens' date
        (directory.calendar.today() when None)."""
        super().__init__(*args, **kwargs)
        self.today = today or calendar.today()
        # The choice is the point's stored (Greek) location; the label is
        # the name in the visitor's language.
        self.points = {point.stored_location_id: point for point in points}
        self.fields["drop_off_location"].choices = [
            (point.stored_location_id, point.location.name) for point in points
        ]
        if len(points) == 1 and not self.is_bound:
            self.initial.setdefault("drop_off_location", points[0].stored_location_id)
        self.fields["bring_on"].widget.attrs["min"] = self.today.isoformat()

    def clean_bring_on(self):
        day = self.cleaned_data["bring_on"]
        if day < self.today:
            raise forms.ValidationError(_("Choose today or a later day."), code="past")
        if day > self.today + datetime.timedelta(days=LATEST_DAYS_AHEAD):
            raise forms.ValidationError(
                _("Choose a day within the next two months."), code="too_far"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Give a phone number or an e-mail address."), code="contact"
                ),
            )
        point = self.points.get(cleaned.get("drop_off_location"))
        day = cleaned.get("bring_on")
        category = cleaned.get("category")
        if point is not None and category and not point.accepts_category(category):
            self.add_error(
                "drop_off_location",
                forms.ValidationError(
                    _("This drop-off point does not take this kind of goods."),
                    code="not_accepted",
                ),
            )
        if point is not None and day is not None:
            # The point's hours that day, holidays and closures applied
            # (directory.calendar, the one source of them).
            if not calendar.hours_on(point.location, day):
                self.add_error(
                    "bring_on",
                    forms.ValidationError(
                        _(
                            "The drop-off point is closed on that day. Please "
                            "choose a day when it is open."
                        ),
                        code="closed",
                    ),
                )
        return cleaned

    def answers(self):
        """What goods.pledges.create_pledge stores."""
        data = dict(self.cleaned_data)
        data["drop_off_location_id"] = data.pop("drop_off_location")
        for name in ("homepage", "started", "privacy_consent"):
            data.pop(name, None)
        return data
