import time

from csp.constants import SELF, UNSAFE_INLINE
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin

ADMIN_POLICY_CHANGES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
}


class AdminContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Relax the Content-Security-Policy for the Wagtail admin only.

    The admin's own templates and widgets use inline scripts and styles; the
    public pages keep the strict policy from settings. Listed after
    ``CSPMiddleware`` so that its ``process_response`` runs first.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.KENTRO_ADMIN_PATH_PREFIX):
            response._csp_replace = ADMIN_POLICY_CHANGES
        return response


class ServerTimingMiddleware:
    """Tell the browser (and `make bench`) how long the server took.

    First in MIDDLEWARE, so the figure covers every other middleware too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed:.1f}"
        return response
