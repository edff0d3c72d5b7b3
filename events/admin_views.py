"""Staff actions on events outside the page editor's own form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import ics
from events.models import EventPage


@require_POST
def cancel_date(request, page_id):
    """One click in the editor's warning: cancel the date of an event that
    falls on a holiday or a closure, with the closure's reason as the note."""
    page = get_object_or_404(EventPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    edit_url = redirect("wagtailadmin_pages:edit", page.pk)
    day = ics.parse_day(request.POST.get("date"))
    conflicts = {
        occurrence.local_start.date(): reason
        for occurrence, reason in page.closure_conflicts()
    }
    if day is None or day not in conflicts:
        messages.error(request, _("That date has no holiday or closure to cancel for."))
        return edit_url
    label = formats.date_format(day, "l j E Y")
    if page.cancel_date(
        day, conflicts[day], request.user, may_publish=permissions.can_publish()
    ):
        messages.success(request, _("%(day)s is cancelled.") % {"day": label})
    else:
        messages.warning(
            request,
            _("%(day)s is cancelled in a draft: publish the page to show it.")
            % {"day": label},
        )
    return edit_url
