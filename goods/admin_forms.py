"""The staff's forms in the Wagtail admin, apart from the public form
(goods.forms): a pledge's status, and the needs list's bulk urgency."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from goods.models.needs import Urgency
from goods.models.pledges import Pledge


class PledgeAdminForm(WagtailAdminModelForm):
    """What the staff change: whether the goods arrived, and a note. Marking
    it received stamps when; changing it back clears the stamp."""

    class Meta:
        model = Pledge
        fields = ["status", "staff_note"]

    def save(self, commit=True):
        pledge = super().save(commit=False)
        if pledge.status == Pledge.Status.RECEIVED:
            pledge.received_at = pledge.received_at or timezone.now()
        else:
            pledge.received_at = None
        if commit:
            pledge.save()
        return pledge


class UrgencyForm(forms.Form):
    """The one choice of the needs list's bulk action (goods.bulk_actions)."""

    urgency = forms.ChoiceField(
        label=_("New urgency"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
    )
