"""The request form, the thank-you page and the status check, served by
AppointmentPage. Views only read input and choose a template; the rules are
in appointments.submission."""

import base64

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from appointments import places
from appointments import submission as rules
from appointments.forms import AppointmentRequestForm, StatusCheckForm
from appointments.references import new_reference
from portal import abuse
from portal.navigation import privacy_page

THANK_YOU_SALT = "kentro.appointments.thank-you"
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


def thank_you_token(reference):
    """Wagtail routes only letters, digits, "-" and "_" in a path segment."""
    signed = signing.dumps(reference, salt=THANK_YOU_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_thank_you_token(token):
    try:
        signed = base64.urlsafe_b64decode(
            (token + "=" * (-len(token) % 4)).encode("ascii")
        ).decode()
        value = signing.loads(signed, salt=THANK_YOU_SALT, max_age=THANK_YOU_MAX_AGE)
    except (ValueError, UnicodeError, signing.BadSignature):
        return None
    return value if isinstance(value, str) else None


def bounded_id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def initial_answers(request, form):
    """What a link from a service page preselects: ?service=<id>&location=<id>."""
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
        if form.is_valid():
            if form.is_spam:
                reference = new_reference()  # looks the same, stores nothing
            else:
                reference = rules.create_request(
                    form.answers(),
                    language=get_language(),
                    page_url=page_url(request, page),
                ).reference
            return redirect(page.route_url("thank_you", thank_you_token(reference)))
    else:
        form = AppointmentRequestForm(page=page)
        form.initial.update(initial_answers(request, form))
    return render(
        request,
        page,
        "appointment_page.html",
        {"form": form, "privacy_page": privacy_page(request, page)},
    )


def thank_you(request, page, token):
    reference = read_thank_you_token(token)
    if reference is None:
        return render(request, page, "link_problem.html", status=400)
    return render(request, page, "thank_you.html", {"reference": reference})


def status_check(request, page):
    result = None
    if request.method == "POST":
        if is_rate_limited(request, "status"):
            return too_many(request, page)
        form = StatusCheckForm(request.POST)
        if form.is_valid():
            found = rules.find_for_status(
                form.cleaned_data["reference"], form.cleaned_data["contact"]
            )
            result = {
                "found": found is not None,
                "text": rules.plain_status(found) if found else "",
            }
    else:
        form = StatusCheckForm()
    return render(request, page, "status.html", {"form": form, "result": result})
