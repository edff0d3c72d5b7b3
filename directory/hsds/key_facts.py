"""A service's key facts ↔ the HSDS 3.0 fields that carry them.

HSDS 3.0 has no field for what a benefit pays or for income limits, so the key
facts travel as labelled Greek lines (the API is Greek-only, like the rest of
its text) in the free-text fields a partner's system already shows:

* what you get and the amount: lines at the end of ``description``
  (``Τι παίρνετε: …``, ``Ποσό: 70 € έως 210 € τον μήνα``);
* the income and property limits: lines at the end of
  ``eligibility_description`` (``Όριο εισοδήματος: 7.000 € τον χρόνο για ένα
  άτομο που ζει μόνο. +3.500 € για κάθε άλλο μέλος``);
* the cost to apply: ``fees_description``, as before (serialise.py);
* the application window: a service-level ``schedule`` whose ``valid_from`` and
  ``valid_to`` are the first and last day applications are taken (both
  included), described as :data:`WINDOW_DESCRIPTION`.

The importer reads the same lines back into the fields (:func:`parse_lines`),
so an export → import → export round trip gives the same file; a line that
only looks like a key fact but does not parse stays in the text.
"""

import re
from decimal import Decimal, InvalidOperation

BENEFIT = "Τι παίρνετε"
AMOUNT = "Ποσό"
INCOME = "Όριο εισοδήματος"
ASSETS = "Όριο περιουσίας"
ALONE = "για ένα άτομο που ζει μόνο"
UP_TO = "έως"
WINDOW_DESCRIPTION = "Περίοδος υποβολής αιτήσεων"

#: BenefitFrequency value → the Greek words after the amount.
FREQUENCIES = {
    "once": "εφάπαξ",
    "monthly": "τον μήνα",
    "bimonthly": "κάθε δύο μήνες",
    "yearly": "τον χρόνο",
}
_FREQUENCY_OF = {words: value for value, words in FREQUENCIES.items()}

_EUROS = r"(\d{1,3}(?:\.\d{3})*(?:,\d{2})?) €"
_AMOUNT = re.compile(
    rf"^(?:{_EUROS} {UP_TO} {_EUROS}|{_EUROS}|{UP_TO} {_EUROS})"
    rf"(?: ({'|'.join(map(re.escape, FREQUENCIES.values()))}))?$"
)
_INCOME = re.compile(rf"^{_EUROS} τον χρόνο {ALONE}(?:\. (.+))?$")
_ASSETS = re.compile(rf"^{_EUROS} {ALONE}(?:\. (.+))?$")
_LABELLED = re.compile(r"^([^:]+): (.+)$")


def euros(value):
    """Decimal("1296.5") → "1.296,50 €", Decimal("216.00") → "216 €": Greek
    grouping whatever the active language, so the API reads the same for all."""
    places = 0 if value == int(value) else 2
    whole, _, cents = f"{value:,.{places}f}".partition(".")
    text = whole.replace(",", ".")
    return f"{text},{cents} €" if cents else f"{text} €"


def parse_euros(text):
    """ "1.296,50" → Decimal("1296.50"); None when it is not such a number."""
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def amount_text(low, high, frequency):
    """The amount line's value, or "" when there is no amount."""
    if low is not None and high is not None:
        text = f"{euros(low)} {UP_TO} {euros(high)}"
    elif low is not None:
        text = euros(low)
    elif high is not None:
        text = f"{UP_TO} {euros(high)}"
    else:
        return ""
    if frequency in FREQUENCIES:
        text += f" {FREQUENCIES[frequency]}"
    return text


def _limit_line(label, amount, note, yearly):
    if amount is None:
        return f"{label}: {note}" if note else ""
    text = f"{label}: {euros(amount)}{' τον χρόνο' if yearly else ''} {ALONE}"
    return f"{text}. {note}" if note else text


def description_lines(page):
    """The "what you get" lines added to a service's ``description``."""
    amount = amount_text(
        page.benefit_amount_min, page.benefit_amount_max, page.benefit_frequency
    )
    lines = []
    if page.benefit:
        lines.append(f"{BENEFIT}: {' '.join(page.benefit.split())}")
    if amount:
        lines.append(f"{AMOUNT}: {amount}")
    return lines


def eligibility_lines(page):
    """The limit lines added to a service's ``eligibility_description``."""
    lines = [
        _limit_line(INCOME, page.income_limit, _one_line(page.income_limit_note), True),
        _limit_line(
            ASSETS, page.assets_limit, _one_line(page.assets_limit_note), False
        ),
    ]
    return [line for line in lines if line]


def _one_line(text):
    return " ".join((text or "").split())


def window_schedules(page, schedule_id):
    """The service-level schedules: the application window, if it has dates."""
    if not (page.applications_open or page.applications_close):
        return []
    data = {"id": schedule_id}
    if page.applications_open:
        data["valid_from"] = page.applications_open.isoformat()
    if page.applications_close:
        data["valid_to"] = page.applications_close.isoformat()
    data["description"] = WINDOW_DESCRIPTION
    return [data]


def parse_lines(lines):
    """Split text lines into (the other lines, {model field: value}) by taking
    out the key-fact lines of :func:`description_lines` and
    :func:`eligibility_lines`. A labelled line whose value does not parse is
    left in the text; a repeated fact keeps its first value."""
    rest, facts = [], {}
    for line in lines:
        found = _parse_line(line)
        if found is None or set(found) & set(facts):
            rest.append(line)
        else:
            facts.update(found)
    return rest, facts


def _parse_line(line):
    match = _LABELLED.match(line)
    if not match:
        return None
    label, value = match.groups()
    if label == BENEFIT:
        return {"benefit": value}
    if label == AMOUNT:
        return _parse_amount(value)
    if label in (INCOME, ASSETS):
        field = "income_limit" if label == INCOME else "assets_limit"
        limit = (_INCOME if label == INCOME else _ASSETS).match(value)
        if limit:
            amount, note = limit.groups()
            return {field: parse_euros(amount), f"{field}_note": note or ""}
        return {f"{field}_note": value}
    return None


def _parse_amount(value):
    match = _AMOUNT.match(value)
    if not match:
        return None
    low_of_range, high_of_range, only, up_to, frequency = match.groups()
    low = low_of_range or only
    high = high_of_range or up_to
    return {
        "benefit_amount_min": parse_euros(low) if low else None,
        "benefit_amount_max": parse_euros(high) if high else None,
        "benefit_frequency": _FREQUENCY_OF.get(frequency, ""),
    }
