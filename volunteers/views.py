"""The sign-up, confirmation and withdrawal pages, served by VolunteerIndexPage.

Views only read input and choose a template; the rules are in volunteers.signup.
"""

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import abuse, busy
from core.forms import refuse_unreadable_charset
from core.navigation import privacy_page
from volunteers import signup, tokens
from volunteers.forms import VolunteerSignupForm, WithdrawalRequestForm


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
    return page.opportunities().filter(pk=pk).first()


def signup_form(request, page):
    if request.method == "POST":
        if is_rate_limited(request, "signup"):
            return too_many(request, page)
        form = VolunteerSignupForm(
            request.POST, locale_id=page.locale_id, opportunities=page.opportunities()
        )
        if refuse_unreadable_charset(request, form):
            return signup_page(request, page, form, status=400)
        if form.is_valid():
            if not form.is_spam:
                try:
                    signup.create_signup(
                        form.cleaned_data,
                        language=get_language(),
                        index_url=absolute_index_url(request, page),
                    )
                except OperationalError as error:
                    if not busy.is_busy(error):
                        raise
                    form.add_error(None, busy.MESSAGE)
                    return busy.mark_busy(signup_page(request, page, form))
            return redirect(page.route_url("thank_you"))
    else:
        opportunity = preselected_opportunity(request, page)
        initial = {"interests": [opportunity.pk]} if opportunity else {}
        form = VolunteerSignupForm(
            initial=initial,
            locale_id=page.locale_id,
            opportunities=page.opportunities(),
        )
    return signup_page(request, page, form)


def signup_page(request, page, form, status=200):
    return render(
        request,
        page,
        "signup.html",
        {"form": form, "privacy_page": privacy_page(request, page)},
        status=status,
    )


def thank_you(request, page):
    return render(request, page, "thank_you.html")


def link_problem(request, page, reason):
    return render(request, page, "link_problem.html", {"reason": reason}, status=400)


def confirm(request, page, token):
    try:
        public_id = tokens.read_confirmation_token(token)
    except tokens.LinkError as error:
        return link_problem(request, page, error.reason)
    if request.method != "POST":
        return render(request, page, "confirm.html")
    volunteer = signup.confirm_signup(public_id, absolute_index_url(request, page))
    if volunteer is None:
        return link_problem(request, page, "used")
    return render(request, page, "confirmed.html", {"volunteer": volunteer})


def withdraw_request(request, page):
    if request.method == "POST":
        if is_rate_limited(request, "withdraw"):
            return too_many(request, page)
        form = WithdrawalRequestForm(request.POST)
        if refuse_unreadable_charset(request, form):
            return render(
                request, page, "withdraw_request.html", {"form": form}, status=400
            )
        if form.is_valid():
            signup.request_withdrawal_link(
                form.cleaned_data["email"], absolute_index_url(request, page)
            )
            return render(request, page, "withdrawal_link_sent.html")
    else:
        form = WithdrawalRequestForm()
    return render(request, page, "withdraw_request.html", {"form": form})


def withdraw(request, page, token):
    try:
        email = tokens.read_withdrawal_token(token)
    except tokens.LinkError as error:
        # An old withdrawal link: the page offers to send a new one.
        return link_problem(request, page, f"withdraw_{error.reason}")
    if request.method != "POST":
        return render(request, page, "withdraw.html")
    signup.withdraw(email)
    return render(request, page, "withdrawn.html")
