"""The sign-up, confirmation and withdrawal pages, served by VolunteerIndexPage.

Views only read input and choose a template; volunteers.signup has the rules.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal import abuse
from portal.navigation import privacy_page
from volunteers import signup as rules
from volunteers.forms import VolunteerSignupForm, WithdrawalRequestForm
from volunteers.models import VolunteerOpportunityPage


def is_rate_limited(request, action):
    """Count this attempt; True once an address sent too many in the window."""
    return abuse.is_rate_limited(
        request,
        f"volunteers:{action}",
        limit=getattr(settings, "KENTRO_VOLUNTEER_RATE_LIMIT", 10),
        window=getattr(settings, "KENTRO_VOLUNTEER_RATE_WINDOW", 3600),
    )


HEADINGS = {
    "thank_you.html": _("Thank you! Please check your e-mail"),
    "confirm.html": _("Confirm your sign-up"),
    "confirmed.html": _("Welcome to the volunteer network"),
    "link_problem.html": _("This link cannot be used"),
    "withdraw_request.html": _("Withdraw from the volunteer network"),
    "withdrawal_link_sent.html": _("Please check your e-mail"),
    "withdraw.html": _("Withdraw from the volunteer network"),
    "withdrawn.html": _("You have withdrawn"),
    "rate_limited.html": _("Please try again later"),
}


def render(request, page, template, context=None, status=200):
    context = {
        "page": page,
        "self": page,
        "heading": HEADINGS.get(template, ""),
        **page.route_urls(),
        **(context or {}),
    }
    return TemplateResponse(request, f"volunteers/{template}", context, status=status)


def too_many(request, page):
    return render(request, page, "rate_limited.html", status=429)


def absolute_index_url(request, page):
    return request.build_absolute_uri(page.url)


def preselected_opportunity(request, page):
    try:
        pk = int(request.GET.get("opportunity", ""))
    except ValueError:
        return None
    if not 0 < pk < 2**63:
        return None
    return VolunteerOpportunityPage.objects.child_of(page).live().filter(pk=pk).first()


def signup(request, page):
    if request.method == "POST":
        if is_rate_limited(request, "signup"):
            return too_many(request, page)
        form = VolunteerSignupForm(
            request.POST, locale_id=page.locale_id, index_page=page
        )
        if form.is_valid():
            if not form.is_spam:
                rules.create_signup(
                    form.cleaned_data,
                    language=get_language(),
                    index_url=absolute_index_url(request, page),
                )
            return redirect(page.route_url("thank_you"))
    else:
        opportunity = preselected_opportunity(request, page)
        initial = {"interests": [opportunity.pk]} if opportunity else {}
        form = VolunteerSignupForm(
            initial=initial, locale_id=page.locale_id, index_page=page
        )
    return render(
        request,
        page,
        "signup.html",
        {"form": form, "privacy_page": privacy_page(request, page)},
    )


def thank_you(request, page):
    return render(request, page, "thank_you.html")


def link_problem(request, page, reason):
    return render(request, page, "link_problem.html", {"reason": reason}, status=400)


def confirm(request, page, token):
    try:
        public_id = rules.read_confirmation_token(token)
    except rules.LinkError as error:
        return link_problem(request, page, error.reason)
    if request.method != "POST":
        return render(request, page, "confirm.html")
    volunteer = rules.confirm_signup(public_id, absolute_index_url(request, page))
    if volunteer is None:
        return link_problem(request, page, "used")
    return render(request, page, "confirmed.html", {"volunteer": volunteer})


def withdraw_request(request, page):
    if request.method == "POST":
        if is_rate_limited(request, "withdraw"):
            return too_many(request, page)
        form = WithdrawalRequestForm(request.POST)
        if form.is_valid():
            rules.request_withdrawal_link(
                form.cleaned_data["email"], absolute_index_url(request, page)
            )
            return render(request, page, "withdrawal_link_sent.html")
    else:
        form = WithdrawalRequestForm()
    return render(request, page, "withdraw_request.html", {"form": form})


def withdraw(request, page, token):
    try:
        email = rules.read_withdrawal_token(token)
    except rules.LinkError as error:
        return link_problem(request, page, error.reason)
    if request.method != "POST":
        return render(request, page, "withdraw.html")
    rules.withdraw(email)
    return render(request, page, "withdrawn.html")
