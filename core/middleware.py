from urllib.parse import parse_qsl, urlencode

from django.http import HttpResponse
from django.template.loader import render_to_string

from core import busy


class DatabaseBusyMiddleware:
    """A locked or timed-out database answers 503 "try again in a moment",
    with a page that needs no database, rather than a 500. Forms catch it
    themselves first, to give the person's answers back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not busy.is_busy(exception):
            return None
        return busy.mark_busy(
            HttpResponse(render_to_string("503.html", {"request": request}))
        )


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
UTF8 = frozenset({"utf-8", "utf8"})


class FormCharsetMiddleware:
    """A form declared in another character set than UTF-8
    (``charset=iso-8859-7``), which Django refuses with a bare 400 as soon as
    anything reads ``request.POST`` (the CSRF check first), is read in the
    charset it declares and handed on as UTF-8, marked with
    ``request.declared_charset``: the form views then give it back, answers
    and all, with an error, and store nothing (core.forms). Before
    CsrfViewMiddleware, so that the form's CSRF token is still read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == FORM_CONTENT_TYPE:
            charset = (request.content_params.get("charset") or "utf-8").lower()
            if charset not in UTF8:
                self.transcode(request, charset)
        return self.get_response(request)

    def transcode(self, request, charset):
        text = request.body.decode("ascii", "replace")
        try:
            pairs = parse_qsl(
                text, keep_blank_values=True, encoding=charset, errors="replace"
            )
        except LookupError:  # a charset Python does not know
            pairs = []
        request._body = urlencode(pairs).encode("ascii")
        request.declared_charset = charset
        request.encoding = "utf-8"
