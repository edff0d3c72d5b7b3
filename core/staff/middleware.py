import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.staff import two_factor

LOGIN_AT = "kentro_login_at"
SEEN_AT = "kentro_seen_at"
# The last request is written to the session at most this often.
SEEN_RESOLUTION_SECONDS = 60
# Where a signed-in user who still owes a code may go.
EXEMPT_URL_NAMES = (
    "kentro_2fa_verify",
    "kentro_2fa_setup",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailcore_login",
    "wagtailadmin_password_reset",
)
EXEMPT_PREFIXES = ("/static/", "/media/", "/favicon.ico", "/robots.txt")


def remember_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


def connect_signals():
    user_logged_in.connect(remember_login, dispatch_uid="kentro-staff-login-at")


def _exempt_paths():
    return tuple(reverse(name) for name in EXEMPT_URL_NAMES) + EXEMPT_PREFIXES


class StaffSessionMiddleware:
    """For signed-in users only (visitors have no session and pay nothing):

    * the session ends after ``KENTRO_STAFF_IDLE_SECONDS`` without a request
      and ``KENTRO_STAFF_SESSION_SECONDS`` after the login, whatever happens;
    * a user who has a second factor, or must have one, reaches nothing but
      the code and set-up pages (and logout) until the code is given.

    After django-otp's OTPMiddleware, which tells whether the session's user
    gave a code (``user.is_verified()``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie: a visitor, with nothing to check or load.
        if request.session.session_key is not None and request.user.is_authenticated:
            if self.has_expired(request):
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
            else:
                needed = two_factor.what_is_needed(request.user)
                if needed and not request.path_info.startswith(_exempt_paths()):
                    return redirect_for(needed, request)
        return self.get_response(request)

    def has_expired(self, request):
        session, now = request.session, time.time()
        login_at = session.setdefault(LOGIN_AT, now)
        seen_at = session.get(SEEN_AT, now)
        idle = getattr(settings, "KENTRO_STAFF_IDLE_SECONDS", 30 * 60)
        longest = getattr(settings, "KENTRO_STAFF_SESSION_SECONDS", 12 * 3600)
        if now - login_at > longest or now - seen_at > idle:
            return True
        if now - seen_at >= SEEN_RESOLUTION_SECONDS or SEEN_AT not in session:
            session[SEEN_AT] = now
        return False


def redirect_for(needed, request):
    name = "kentro_2fa_verify" if needed == "verify" else "kentro_2fa_setup"
    target = request.get_full_path()
    if request.method != "GET" or not target.startswith(
        settings.KENTRO_ADMIN_PATH_PREFIX
    ):
        target = reverse("wagtailadmin_home")
    return redirect(f"{reverse(name)}?{urlencode({'next': target})}")
