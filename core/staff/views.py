"""The staff's second-factor pages, the POST-only logout and the throttled
password reset. The rules are in ``core.staff.two_factor``."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from wagtail.admin.views import account as wagtail_account

from core import abuse
from core.staff import two_factor
from core.staff.forms import AppCodeForm, CodeForm

TEMPLATES = "core/staff/"
# Codes a signed-in user may try in the window, whatever the devices say.
CODE_ATTEMPTS = 10
CODE_WINDOW = 15 * 60
APP_CODE_LENGTH = 6


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def page(request, template, context=None, status=200):
    return TemplateResponse(
        request,
        f"{TEMPLATES}{template}",
        {"next": next_url(request), **(context or {})},
        status=status,
    )


def too_many_codes(request):
    return abuse.is_limited(
        request.user.pk, "staff:code", limit=CODE_ATTEMPTS, window=CODE_WINDOW
    )


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """The code after the password: from the app, or a recovery code."""
    if two_factor.what_is_needed(request.user) != "verify":
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if too_many_codes(request):
            form.add_error(None, _("Too many codes were tried. Wait 15 minutes."))
            return page(request, "verify.html", {"form": form}, status=429)
        device = matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(count)s are left. Make new "
                        "ones under Account → Two-step verification."
                    )
                    % {"count": left},
                )
            return HttpResponseRedirect(next_url(request))
        form.add_error(
            "code",
            _("That code is not right, or has expired. Try the one shown now."),
        )
    return page(request, "verify.html", {"form": form})


def matching_device(user, code):
    """The device that accepts the code: six digits are for the app, anything
    else is a recovery code. Each device throttles its own failures, so a
    mistyped app code does not hold up a recovery code, nor the other way."""
    if len(code) == APP_CODE_LENGTH and code.isdigit():
        app = two_factor.app_device(user)
        return app if app is not None and app.verify_token(code) else None
    for device in user.staticdevice_set.filter(confirmed=True):
        if device.verify_token(code):
            return device
    return None


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Set up the authenticator app: scan, type a code, keep the recovery
    codes. Someone who already has a second factor must give a code first."""
    needed = two_factor.what_is_needed(request.user)
    if needed == "verify":
        return redirect(f"{reverse('kentro_2fa_verify')}?next={request.path}")
    device = two_factor.pending_app_device(request.user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if too_many_codes(request):
            form.add_error(None, _("Too many codes were tried. Wait 15 minutes."))
            return page(request, "setup.html", setup_context(device, form), 429)
        codes = two_factor.confirm_app_device(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return page(request, "recovery_codes.html", {"codes": codes})
        form.add_error(
            "code", _("That code is not right. Check the app and try again.")
        )
    return page(request, "setup.html", setup_context(device, form))


def setup_context(device, form):
    secret = b32encode(device.bin_key).decode()
    return {
        "form": form,
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "issuer": settings.OTP_TOTP_ISSUER,
    }


@never_cache
@login_required(login_url="wagtailadmin_login")
def overview(request):
    """Account → Two-step verification: what is set up; new recovery codes."""
    user = request.user
    if request.method == "POST" and two_factor.is_verified(user):
        codes = two_factor.new_recovery_codes(user)
        return page(request, "recovery_codes.html", {"codes": codes})
    return page(
        request,
        "overview.html",
        {
            "has_app": two_factor.app_device(user) is not None,
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.is_required(user),
        },
    )


@never_cache
def logout(request):
    """Log out by POST only. A GET (a link, a prefetch, an image tag on
    another site) gets a page with the button: Wagtail's own view would clear
    the cookie on a GET yet leave the session alive on the server."""
    if request.method == "POST":
        return wagtail_account.LogoutView.as_view()(request)
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    return page(request, "logout.html")


@never_cache
def password_reset(request):
    """Wagtail's password reset form, with a limit per address and per
    e-mail address, so that it can be used neither to guess nor to flood."""
    view = wagtail_account.PasswordResetView.as_view()
    if request.method == "POST":
        limit = getattr(settings, "KENTRO_PASSWORD_RESET_LIMIT", 5)
        email = (request.POST.get("email") or "").strip().lower()[:254]
        if abuse.is_rate_limited(
            request, "staff:password-reset", limit=limit, window=3600
        ) or abuse.is_limited(
            email, "staff:password-reset-email", limit=limit, window=3600
        ):
            return page(request, "too_many.html", status=429)
    return view(request)
