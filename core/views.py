"""Wagtail's page-password form, throttled: a password on a page is only as
good as the number of guesses it allows."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from core import abuse

WINDOW = 15 * 60
# Guesses at one restriction's password from every address together.
ATTEMPTS_PER_RESTRICTION = 100


@never_cache
def page_password(request, page_view_restriction_id, page_id):
    if request.method == "POST" and is_throttled(request, page_view_restriction_id):
        restriction = get_object_or_404(
            PageViewRestriction, id=page_view_restriction_id
        )
        page = get_object_or_404(Page, id=page_id).specific
        form = PasswordViewRestrictionForm(
            initial={"return_url": request.POST.get("return_url", "")},
            instance=restriction,
        )
        form.add_error(
            None,
            _("Too many wrong passwords. Please wait 15 minutes and try again."),
        )
        response = page.serve_password_required_response(request, form, request.path)
        response.status_code = 429
        return response
    return wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )


def is_throttled(request, restriction_id):
    limit = getattr(settings, "KENTRO_PAGE_PASSWORD_LIMIT", 10)
    action = f"page-password:{restriction_id}"
    by_address = abuse.is_rate_limited(request, action, limit=limit, window=WINDOW)
    overall = abuse.is_limited(
        restriction_id, action, limit=ATTEMPTS_PER_RESTRICTION, window=WINDOW
    )
    return by_address or overall
