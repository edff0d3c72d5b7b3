"""gunicorn's settings for Kentro; gunicorn reads this file from the folder it
starts in (README, "In production").

Responses carry no ``Server: gunicorn`` banner: it tells whoever probes the
site what to try, and nobody else needs it.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _headers_without_banner(self):
    return [
        header
        for header in _default_headers(self)
        if not header.lower().startswith("server:")
    ]


wsgi.Response.default_headers = _headers_without_banner
