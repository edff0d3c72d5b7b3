"""How each HSDS field is read and cleaned: readers and declarative columns.

A :class:`Column` names an HSDS field, the reader that cleans it and the model
attribute it is assigned to, like pretix's ``ImportColumn`` (resolve, clean,
assign). The importer holds tables of columns and loops over them, so every
rule of the import can be read here and tested on its own.

A reader is called as ``read(data, key, path, warn)``: ``data`` is the HSDS
object (a dict), ``key`` the field, ``path`` where the object is in the record
(``service_at_locations[0].location``), ``warn(path, message)`` records a
warning. It returns the clean value, or raises :class:`FieldError` naming the
field when the value cannot be used at all (the record is refused). A value
that is well-formed but cannot be true (a latitude of 100) is dropped with a
warning instead: one impossible value is no reason to refuse a partner's file.

The HSDS 3.0 schemas set no length limits; a model field that has one cuts a
longer value with a warning (:func:`fit`) rather than refusing it.
"""

import datetime
import decimal
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import CharField
from django.utils.dateparse import parse_date, parse_datetime

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class FieldError(Exception):
    """A field of a record cannot be imported: ``path`` names it."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def join(path, key):
    return f"{path}.{key}" if path else key


@dataclass(frozen=True)
class Column:
    """One HSDS field of an object: ``read`` cleans it, ``attribute`` receives it.

    ``attribute`` None: the value is returned under ``key`` for the importer to
    use (an id, or text that becomes several model fields).
    """

    key: str
    read: Callable[..., Any]
    attribute: str | None = None


def read_columns(columns, data, path, warn, model=None):
    """``{attribute or key: clean value}`` for every column; values too long for
    the model field are cut with a warning."""
    values = {}
    for column in columns:
        value = column.read(data, column.key, path, warn)
        if column.attribute and model is not None:
            value = fit(model, column.attribute, value, join(path, column.key), warn)
        values[column.attribute or column.key] = value
    return values


def fit(model, attribute, value, path, warn):
    """``value`` cut to the ``max_length`` of ``model.attribute``, with a warning."""
    model_field = model._meta.get_field(attribute)
    # Text fields only: a UUIDField has a max_length for its 32 hex digits.
    limit = model_field.max_length if isinstance(model_field, CharField) else None
    if isinstance(value, str) and limit and len(value) > limit:
        warn(path, f"is longer than {limit} characters ({len(value)}); cut")
        return value[:limit].rstrip()
    return value


# --- readers ----------------------------------------------------------------


def obj(value, path, required=True):
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise FieldError(path, "must be an object")
    return value


def items(data, key, path):
    """``[(item path, item dict)]`` of a list of objects; a missing list is empty."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(join(path, key), "must be a list")
    return [
        (f"{join(path, key)}[{index}]", obj(item, f"{join(path, key)}[{index}]"))
        for index, item in enumerate(value)
    ]


def text(required=False):
    """A text kept whole (leading and trailing whitespace removed)."""

    def read(data, key, path, warn=None):
        value = data.get(key)
        if value is None or value == "":
            if required:
                raise FieldError(join(path, key), "is required")
            return ""
        if not isinstance(value, str):
            raise FieldError(join(path, key), "must be a string")
        value = value.strip()
        if required and not value:
            raise FieldError(join(path, key), "is required")
        return value

    return read


def line(required=False):
    """A one-line text: whitespace collapsed."""
    read_text = text(required)

    def read(data, key, path, warn=None):
        return " ".join(read_text(data, key, path).split())

    return read


def lines(data, key, path, warn=None):
    """A text as its non-empty lines, whitespace collapsed in each."""
    value = text()(data, key, path)
    stripped = (" ".join(part.split()) for part in value.splitlines())
    return [part for part in stripped if part]


def hsds_uuid(required=True):
    def read(data, key, path, warn=None):
        value = data.get(key)
        if value is None and not required:
            return None
        try:
            return str(uuid.UUID(str(value)))
        except (TypeError, ValueError, AttributeError):
            raise FieldError(join(path, key), f"is not a UUID: {value!r}") from None

    return read


def _checked(validator):
    def read(data, key, path, warn=None):
        value = text()(data, key, path)
        if value:
            try:
                validator(value)
            except ValidationError:
                raise FieldError(join(path, key), f"is not valid: {value!r}") from None
        return value

    return read


url = _checked(URLValidator())
email = _checked(EmailValidator())


def _number(data, key, path):
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(join(path, key), "must be a number")
    return value


def age(data, key, path, warn=None):
    value = _number(data, key, path)
    if value is not None and (value != int(value) or not 0 <= value <= 150):
        raise FieldError(join(path, key), f"is not an age in years: {value!r}")
    return None if value is None else int(value)


def coordinate(limit):
    """Degrees; out of ±limit cannot be true: dropped with a warning."""

    def read(data, key, path, warn):
        value = _number(data, key, path)
        if value is None:
            return None
        if not -limit <= value <= limit:
            warn(join(path, key), f"is out of range (±{limit}): {value!r}; left out")
            return None
        return decimal.Decimal(str(value)).quantize(decimal.Decimal("0.000001"))

    return read


def extension(data, key, path, warn):
    """A phone extension: a whole number (HSDS says number); else left out."""
    value = data.get(key)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        warn(join(path, key), f"is not a phone extension: {value!r}; left out")
        return None
    if value != int(value):
        warn(join(path, key), f"is not a whole number: {value!r}; left out")
        return None
    return int(value)


def country(data, key, path, warn):
    """An ISO 3166-1 two-letter code, upper case; anything else is left out."""
    value = line()(data, key, path)
    if value and not _COUNTRY.match(value):
        warn(join(path, key), f"is not a two-letter country code: {value!r}; left out")
        return ""
    return value.upper()


def choice(choices, default):
    """One of ``choices`` (HSDS value → ours); missing: ``default``."""

    def read(data, key, path, warn=None):
        value = data.get(key)
        if value is None or value == "":
            return default
        if not isinstance(value, str) or value not in choices:
            raise FieldError(
                join(path, key), f"is not one of {sorted(choices)}: {value!r}"
            )
        return choices[value]

    return read


def time(data, key, path, warn=None):
    value = data.get(key)
    match = _TIME.match(value) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise FieldError(join(path, key), f"is not a time HH:MM: {value!r}")
    return datetime.time(int(match[1]), int(match[2]))


def date(data, key, path, warn=None):
    value = data.get(key)
    if value in (None, ""):
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise FieldError(join(path, key), f"is not a date YYYY-MM-DD: {value!r}")
    return parsed


def date_time(data, key, path, warn=None):
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise FieldError(
            join(path, key), f"is not a date and time with a time zone: {value!r}"
        )
    return parsed
