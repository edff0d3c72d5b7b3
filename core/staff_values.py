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
  a page's translation counts once it is live, and an export reads the
  translations of all its rows at once (``reading``);
* lists and querysets are joined with ", ".
"""

import contextlib
import contextvars
import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, TranslatableMixin

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


class ReaderLanguage:
    """Translatable things in the reader's language (the active one), else
    in the default one, else as they are; a translation counts once it is
    live (a page, or anything with drafts): a draft is not what the public
    reads, nor a name staff should copy.

    It remembers what it read: :meth:`prefetch` reads the translations of
    many things in one query per model, so an export resolves every row's
    things without a query per row (:func:`reading`).
    """

    def __init__(self):
        self.language = translation.get_language()
        codes = []
        for code in (self.language or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE):
            try:
                codes.append(get_supported_content_language_variant(code))
            except LookupError:  # an admin language the site has no content in
                continue
        codes = list(dict.fromkeys(codes))
        ids = dict(
            Locale.objects.filter(language_code__in=codes).values_list(
                "language_code", "pk"
            )
        )
        # The locales to try, the reader's first.
        self.locale_ids = [ids[code] for code in codes if code in ids]
        self._found = {}  # (model, translation key) -> {locale id: translation}

    def prefetch(self, things):
        """Read the translations of ``things`` not read yet: one query per
        model."""
        keys = {}
        for thing in things:
            if thing is None or not self._needs_translation(thing):
                continue
            if (type(thing), thing.translation_key) not in self._found:
                keys.setdefault(type(thing), set()).add(thing.translation_key)
        for model, wanted in keys.items():
            found = model._default_manager.filter(
                translation_key__in=wanted, locale_id__in=self.locale_ids
            )
            if issubclass(model, DraftStateMixin):
                found = found.filter(live=True)
            for key in wanted:
                self._found[model, key] = {}
            for translated in found:
                self._found[model, translated.translation_key][translated.locale_id] = (
                    translated
                )

    def _needs_translation(self, thing):
        return not self.locale_ids or thing.locale_id != self.locale_ids[0]

    def __call__(self, thing):
        if not self._needs_translation(thing):
            return thing
        self.prefetch([thing])
        translations = self._found[type(thing), thing.translation_key]
        for locale_id in self.locale_ids:
            if thing.locale_id == locale_id:
                return thing
            if locale_id in translations:
                return translations[locale_id]
        return thing


_reader = contextvars.ContextVar("kentro_reader_language", default=None)


@contextlib.contextmanager
def reading(things=()):
    """Within the block, :func:`in_reader_language` (and :func:`display`)
    share one :class:`ReaderLanguage`, with the translations of ``things``
    read at once: an export passes every row's translatable things."""
    reader = ReaderLanguage()
    reader.prefetch(things)
    token = _reader.set(reader)
    try:
        yield reader
    finally:
        _reader.reset(token)


def related_translatables(items):
    """The translatable things the records ``items`` point to and have read
    already (a foreign key read with ``select_related``, a many-to-many
    prefetched): what an export shows of them, found with no query."""
    for item in items:
        for field in item._meta.get_fields():
            model = field.related_model
            if not (
                field.concrete
                and isinstance(model, type)
                and issubclass(model, TranslatableMixin)
            ):
                continue
            if field.many_to_many:
                cache = getattr(item, "_prefetched_objects_cache", {})
                yield from cache.get(field.name, ())
            elif field.is_cached(item):
                yield field.get_cached_value(item)


def in_reader_language(thing):
    """``thing`` (a Wagtail translatable model) in the active language's
    locale, else the default locale's, else as it is (``ReaderLanguage``)."""
    reader = _reader.get()
    if reader is None or reader.language != translation.get_language():
        reader = ReaderLanguage()
    return reader(thing)


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
