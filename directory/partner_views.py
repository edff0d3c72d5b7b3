"""The partner's check of its service, reached by the signed link of its
e-mail (issue #25, part 2): no account, a form prefilled with the public
record, and a clear page for a link that no longer works. The rules live
in directory.partner_review."""

from functools import wraps

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from core import abuse, busy
from core.forms import refuse_unreadable_charset
from core.models import CentreSettings
from directory import partner_review
from directory.forms import PartnerReviewForm


def is_limited(request):
    return abuse.is_rate_limited(
        request,
        "directory:partner_review",
        limit=getattr(settings, "KENTRO_PARTNER_REVIEW_RATE_LIMIT", 20),
        window=getattr(settings, "KENTRO_PARTNER_REVIEW_RATE_WINDOW", 3600),
    )


def private(view):
    """The pages of a link are one partner's: no shared cache keeps them."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


@private
def review_form(request, page, token):
    """The form (GET), or its answer: "still correct" or the changes, then
    the thank-you page; the form again with the errors, nothing stored."""
    try:
        review = partner_review.read_token(token)
    except partner_review.LinkError as error:
        return message(request, page, error.kind, error.review, status=error.status)
    record = partner_review.record_of(review.service)
    if request.method != "POST":
        return form_page(request, page, review, PartnerReviewForm(record=record))
    if is_limited(request):
        return message(request, page, "rate_limited", review, status=429)
    form = PartnerReviewForm(request.POST, record=record)
    if refuse_unreadable_charset(request, form):
        return form_page(request, page, review, form, status=400)
    if not form.is_valid():
        return form_page(request, page, review, form)
    if form.is_spam:  # a robot is thanked and nothing changes
        return message(request, page, "thanks", review)
    try:
        if form.sends_changes:
            partner_review.submit_changes(
                review, form.changes(), form.cleaned_data["places_note"]
            )
        else:
            partner_review.confirm(review)
    except partner_review.AnsweredLink:
        return message(request, page, "answered", review, status=410)
    except OperationalError as error:
        if not busy.is_busy(error):
            raise
        form.add_error(None, busy.MESSAGE)
        return busy.mark_busy(form_page(request, page, review, form))
    return redirect(page.url + page.reverse_subpage("partner_review_done", [token]))


@private
def review_done(request, page, token):
    """The thank-you page of an answered request."""
    try:
        review = partner_review.read_token(token, allow_answered=True)
    except partner_review.LinkError as error:
        return message(request, page, error.kind, error.review, status=error.status)
    if review.answered_at is None:
        return redirect(page.url + page.reverse_subpage("partner_review", [token]))
    return message(request, page, "thanks", review)


def form_page(request, page, review, form, status=200):
    context = {
        **page.get_context(request),
        "review": review,
        "service": review.service,
        "places": places_of(review.service),
        "form": form,
    }
    return TemplateResponse(
        request, "directory/partner_review.html", context, status=status
    )


def places_of(service):
    """Each place of the service with its weekly hours, read only."""
    links = service.service_locations.select_related("location").prefetch_related(
        "location__opening_hours"
    )
    return [
        {
            "location": link.location,
            "notes": link.notes,
            "hours": sorted(
                link.location.opening_hours.all(),
                key=lambda row: (row.weekday, row.opens),
            ),
        }
        for link in links
    ]


def message(request, page, kind, review=None, status=200):
    """A page instead of the form: ``kind`` "thanks", "expired", "invalid",
    "answered" or "rate_limited"."""
    context = {
        **page.get_context(request),
        "kind": kind,
        "review": review,
        "centre": CentreSettings.load(),
    }
    return TemplateResponse(
        request, "directory/partner_review_message.html", context, status=status
    )
