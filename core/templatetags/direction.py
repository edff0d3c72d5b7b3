"""Text that keeps its own direction inside right-to-left text.

A phone number, a reference, an e-mail address, a web address or a date in
digits is read left to right in every language. Inside an Arabic sentence
the Unicode bidi algorithm otherwise lays it out with the sentence: "27210
99100" shows as "99100 27210" and "http://…/katastasi/" as
"/http://…/katastasi". ``{{ value|isolate }}`` sets such a value apart:

* in HTML (autoescaping on), as ``<bdi dir="ltr">…</bdi>``, in every
  language (harmless in a left-to-right page, as on the pages'
  ``.ltr-token``);
* in plain text (inside ``{% autoescape off %}``, as the e-mails are),
  between U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE,
  when the active language is written right to left only: Greek and English
  mail stays free of invisible characters.

``{{ address|isolate:"auto" }}`` isolates text whose direction is its own
first letter's (``<bdi>``, U+2068 FIRST STRONG ISOLATE): an address such as
"Aristomenous 21, 241 31, كالاماتا" stays in one piece instead of being split
around the Arabic town name.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()

LEFT_TO_RIGHT_ISOLATE = "\u2066"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate_text(text, direction="ltr"):
    """``text`` between isolates when the active language is right to left."""
    if not text or not translation.get_language_bidi():
        return text
    start = LEFT_TO_RIGHT_ISOLATE if direction == "ltr" else FIRST_STRONG_ISOLATE
    return f"{start}{text}{POP_DIRECTIONAL_ISOLATE}"


@register.filter(needs_autoescape=True)
def isolate(value, direction="ltr", autoescape=True):
    """See the module's docstring; ``direction`` is "ltr" or "auto"."""
    if value is None or value == "":
        return ""
    if autoescape:
        if direction == "ltr":
            return format_html('<bdi dir="ltr">{}</bdi>', value)
        return format_html("<bdi>{}</bdi>", value)
    return isolate_text(str(value), direction)
