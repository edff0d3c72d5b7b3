"""Values as staff read them, in one place: every admin page, inspect view,
history, dashboard panel and export goes through :func:`display`.

* a moment (aware ``datetime``) is the Centre's time, Europe/Athens from
  ``settings.TIME_ZONE``, to the minute: ``30/11/2026 10:02`` (winter, UTC+2)
  and ``30/06/2026 11:02`` (summer, UTC+3) -- never UTC, whatever time zone
  is active (Wagtail's ``|localize`` on the inspect page skips the
  conversion, and exports have no template to do it);
* a date is ``30/11/2026``;
* nothing (``None``, ``""``, an empty list) is an em dash "—";
* ``True``/``False`` are "Ναι"/"Όχι" (translated);
* a site language code ("el") is the language's name in the reader's
  language ("Ελληνικά");
* a model field with choices gives the choice's translated label;
* a translatable thing (an opportunity page, a municipality) is its
  translation in the reader's language, else in the default one, whatever
  locale the visitor used: one thing reads one way in a list or an export;
* lists and querysets are joined with ", ".
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, TranslatableMixin

from core import lists

EMPTY = "—"
DATETIME_FORMAT = "d/m/Y H:i"
DATE_FORMAT = "d/m/Y"

# Model fields that hold a site language code ("el", "en", "ar").
LANGUAGE_CODE_FIELDS = frozenset({"language", "site_language"})


def centre_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_moment(value):
    """An aware datetime as a naive one on the Centre's clock (for XLSX
    cells, which have no time zone); a naive one is taken as already local."""
    if timezone.is_aware(value):
        return timezone.localtime(value, centre_zone()).replace(tzinfo=None)
    return value


def moment_text(value):
    """``30/11/2026 10:02``: a datetime on the Centre's clock; "" for None."""
    if value is None:
        return ""
    return date_format(local_moment(value), DATETIME_FORMAT)


def language_name(code):
    """ "el" -> "Ελληνικά" (in the active language); unknown codes as given."""
    if not code:
        return EMPTY
    try:
        return force_str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def in_reader_language(thing):
    """``thing`` (a Wagtail translatable model) in the active language's
    locale, else the default locale's, else as it is."""
    for locale in (Locale.get_active(), Locale.get_default()):
        if thing.locale_id == locale.pk:
            return thing
        translation = thing.get_translation_or_none(locale)
        if translation is not None:
            return translation
    return thing


def display(value):
    """Any value as the text staff read (see the module's docstring)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, TranslatableMixin):
        return force_str(in_reader_language(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return moment_text(value)
    if isinstance(value, datetime.date):
        return date_format(value, DATE_FORMAT)
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, list | tuple | set | models.QuerySet):
        return lists.join(display(item) for item in value) or EMPTY
    if isinstance(value, Promise):
        return force_str(value)
    return force_str(value)


def field_display(instance, name):
    """The value of ``instance.name`` as staff read it: the choice's label
    for a field with choices, the language's name for a language code, the
    result of a method (``skills_text``) when ``name`` is one."""
    try:
        field = instance._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field: a method or property
        field = None
    if field is not None and getattr(field, "choices", None):
        return display(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name)
    if field is not None and name in LANGUAGE_CODE_FIELDS and isinstance(value, str):
        return language_name(value)
    if callable(value) and not isinstance(value, models.Manager):
        value = value()
    return display(value)


class StaffValuesInspectMixin:
    """For Wagtail inspect views: every field through :func:`field_display`."""

    def get_field_display_value(self, field_name, field):
        value_func = getattr(self, f"get_{field_name}_display_value", None)
        if callable(value_func):
            return value_func()
        return field_display(self.object, field_name)
