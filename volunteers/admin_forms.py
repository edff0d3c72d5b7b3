"""The coordinators' forms in the Wagtail admin, apart from the public
forms (volunteers.forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from volunteers.models import Volunteer


class VolunteerAdminForm(WagtailAdminModelForm):
    """What a coordinator changes: the status and the notes.

    A sign-up waiting for its e-mail confirmation stays so until the person
    confirms from their mailbox: a coordinator cannot make it a volunteer
    (that would skip the confirmation, and for an address that already has a
    volunteer it would make two). A confirmed volunteer cannot go back to
    waiting, where the purge of unconfirmed sign-ups would delete them.
    """

    class Meta:
        model = Volunteer
        fields = ["status", "notes"]

    def clean_status(self):
        status = self.cleaned_data["status"]
        waiting = self.instance.pk and not self.instance.is_confirmed
        if waiting and status != Volunteer.Status.UNCONFIRMED:
            raise forms.ValidationError(
                _(
                    "This person has not confirmed their sign-up from their "
                    "e-mail yet. They become a volunteer when they open the "
                    "link we sent them; until then the status cannot change."
                ),
                code="unconfirmed",
            )
        if not waiting and status == Volunteer.Status.UNCONFIRMED:
            raise forms.ValidationError(
                _("A confirmed volunteer cannot go back to waiting for confirmation."),
                code="confirmed",
            )
        return status
