"""The request form, the thank-you page and the status check, served by
AppointmentPage. Views only read input and choose a template; the rules are
in appointments.submission."""

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from appointments import places, submission
from appointments.forms import AppointmentRequestForm, StatusCheckForm
from appointments.models.requests import AppointmentRequest
from appointments.references import new_reference, normalise_reference
from core import abuse, busy, tokens
from core.forms import refuse_unreadable_charset
from core.navigation import localized, privacy_page

THANK_YOU_PURPOSE = "appointments.thank-you"
THANK_YOU_MAX_AGE = 24 * 3600

HEADINGS = {
    "thank_you.html": _("Thank you! We have received your request"),
    "status.html": _("Check your request"),
    "link_problem.html": _("This page has expired"),
    "rate_limited.html": _("Please try again later"),
}


def is_rate_limited(request, action):
    return abuse.is_rate_limited(
        request,
        f"appointments:{action}",
        limit=getattr(settings, "KENTRO_APPOINTMENT_RATE_LIMIT", 10),
        window=getattr(settings, "KENTRO_APPOINTMENT_RATE_WINDOW", 3600),
    )


def is_reference_limited(reference):
    """Guessing the last four digits of one request's phone is limited too,
    from however many addresses the guesses come."""
    reference = normalise_reference(reference)
    if not reference:
        return False
    return abuse.is_limited(
        reference,
        "appointments:status-reference",
        limit=getattr(settings, "KENTRO_STATUS_REFERENCE_LIMIT", 5),
        window=getattr(settings, "KENTRO_STATUS_REFERENCE_WINDOW", 3600),
    )


def render(request, page, template, context=None, status=200):
    context = {
        "page": page,
        "self": page,
        "heading": HEADINGS.get(template, ""),
        **page.route_urls(),
        **(context or {}),
    }
    return TemplateResponse(request, f"appointments/{template}", context, status=status)


def too_many(request, page):
    return render(request, page, "rate_limited.html", status=429)


def thank_you_token(reference, at=None):
    """An opaque token for the thank-you page's address: the reference is
    inside, unreadable, for a day (core.tokens)."""
    return tokens.seal(reference, THANK_YOU_PURPOSE, at=at)


def read_thank_you_token(token):
    try:
        return tokens.unseal(token, THANK_YOU_PURPOSE, THANK_YOU_MAX_AGE)
    except tokens.TokenError:
        return None


def bounded_id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def initial_answers(request, form):
    """What a link preselects: ?service=<id>&location=<id>&message=<text>."""
    initial = {}
    service_id = bounded_id(request.GET.get("service"))
    if service_id is not None:
        queryset = form.fields["service"].queryset
        service = queryset.filter(pk=service_id).first()
        if service is None:  # a Greek service, shown here in translation
            service = queryset.filter(
                translation_key__in=queryset.model.objects.filter(pk=service_id).values(
                    "translation_key"
                )
            ).first()
        if service is not None:
            initial["service"] = service.pk
    # A message another page offers to hand over (the eligibility check's
    # answers, when the person ticked the box); they read it before sending.
    message = request.GET.get("message", "").strip()
    if message:
        initial["message"] = message[:2000]
    location_id = bounded_id(request.GET.get("location"))
    if location_id is not None:
        value = places.preselected(form.where_options, location_id)
        if value is not None:
            initial["where"] = value
    return initial


def page_url(request, page):
    return request.build_absolute_uri(page.url)


def request_form(request, page):
    if request.method == "POST":
        if is_rate_limited(request, "request"):
            return too_many(request, page)
        form = AppointmentRequestForm(request.POST, page=page)
        if refuse_unreadable_charset(request, form):
            return form_page(request, page, form, status=400)
        if form.is_valid():
            if form.is_spam:
                reference = new_reference()  # looks the same, stores nothing
            else:
                try:
                    reference = submission.create_request(
                        form.answers(),
                        language=get_language(),
                        page_url=page_url(request, page),
                    ).reference
                except OperationalError as error:
                    if not busy.is_busy(error):
                        raise
                    form.add_error(None, busy.MESSAGE)
                    return busy.mark_busy(form_page(request, page, form))
            return redirect(page.route_url("thank_you", thank_you_token(reference)))
    else:
        form = AppointmentRequestForm(page=page)
        form.initial.update(initial_answers(request, form))
    return form_page(request, page, form)


def form_page(request, page, form, status=200):
    return render(
        request,
        page,
        "appointment_page.html",
        {"form": form, "privacy_page": privacy_page(request, page)},
        status=status,
    )


def thank_you(request, page, token):
    reference = read_thank_you_token(token)
    if reference is None:
        return render(request, page, "link_problem.html", status=400)
    # What was asked, said back (no name or contact details: the address
    # is the requester's for a day), with the service's checklist.
    asked = (
        AppointmentRequest.objects.filter(reference=reference)
        .select_related("service", "location")
        .first()
    )
    service = localized(request, asked.service) if asked and asked.service else None
    return render(
        request,
        page,
        "thank_you.html",
        {"reference": reference, "asked": asked, "service": service},
    )


def status_check(request, page):
    result = None
    if request.method == "POST":
        if is_rate_limited(request, "status"):
            return too_many(request, page)
        form = StatusCheckForm(request.POST)
        if refuse_unreadable_charset(request, form):
            return render(request, page, "status.html", {"form": form}, status=400)
        if form.is_valid():
            if is_reference_limited(form.cleaned_data["reference"]):
                return too_many(request, page)
            found = submission.find_for_status(
                form.cleaned_data["reference"], form.cleaned_data["contact"]
            )
            result = {
                "found": found is not None,
                "text": submission.plain_status(found) if found else "",
            }
            # The person proved who they are: a scheduled appointment says
            # when and where to come and what to bring.
            if found is not None and found.status == "scheduled" and found.scheduled_at:
                result.update(
                    when=timezone.localtime(found.scheduled_at),
                    where=found.location,
                    service=localized(request, found.service)
                    if found.service
                    else None,
                )
    else:
        form = StatusCheckForm()
    return render(request, page, "status.html", {"form": form, "result": result})
