"""Which language a linked record's text is in (#18).

A page translated with wagtail-localize links to records (an organisation, a
place, a municipality) in its own language when they have a translation, and
wagtail-localize makes that translation on the spot, as a copy of the Greek
record, until someone translates its strings. Such a record, and a record
that has no locale at all (a closure), reads in the language it was written
in; the page marks it with ``lang`` so that screen readers read it as such.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail_localize.models import Translation


def text_language(record):
    """The language code the record's text is written in: the source's
    language while its wagtail-localize translation is not complete, or it
    still has the source's text; its locale's language otherwise; the site's
    default language for a record without a locale. Records are written in
    Greek first, so a Greek record is taken as Greek without a query; the
    answer is kept on the record, which a page shows several times. A
    record that knows its language says so in ``language_code`` (a day's
    closure, ``directory.calendar.DayChange``)."""
    declared = getattr(record, "language_code", "")
    if declared:
        return declared
    if getattr(record, "locale_id", None) is None:
        return settings.LANGUAGE_CODE
    if not hasattr(record, "_text_language"):
        record._text_language = _text_language(record)
    return record._text_language


def translation_state(prefix=""):
    """``queryset.annotate(**translation_state())``: whether wagtail-localize
    translates each record (``localize_translated``), read with the records
    so that ``text_language`` needs no query for one it does not, a record
    made by hand in its language. ``prefix`` reaches a related record
    ("location__"), whose value the caller copies onto it."""
    return {
        f"{prefix.replace('__', '_')}localize_translated": Exists(
            Translation.objects.filter(
                source__object_id=OuterRef(f"{prefix}translation_key"),
                target_locale_id=OuterRef(f"{prefix}locale_id"),
                enabled=True,
            )
        )
    }


def _text_language(record):
    locale = record.locale
    if locale.language_code == settings.LANGUAGE_CODE:
        return settings.LANGUAGE_CODE
    if getattr(record, "localize_translated", None) is False:
        return locale.language_code
    translation = (
        Translation.objects.filter(
            source__object_id=record.translation_key,
            target_locale_id=record.locale_id,
            enabled=True,
        )
        .select_related("source__locale")
        .first()
    )
    if translation is not None:
        total, translated = translation.get_progress()
        source = translation.source.get_source_instance()
        if translated < total or str(source) == str(record):
            return translation.source.locale.language_code
    return locale.language_code


def in_language(records, locale_id):
    """``records`` (translatable, of one model) in the language of
    ``locale_id`` where they have a translation, the record itself where they
    have none, in the same order; one query. wagtail-localize copies a
    page's many-to-many values (target groups, service areas) as they are,
    so a translated page links to the Greek terms: the page shows their
    translations."""
    # Each record's locale comes with it: marking a record's language
    # (``text_language``) then costs no query for a Greek one.
    if hasattr(records, "select_related"):
        records = records.select_related("locale").annotate(**translation_state())
    records = list(records)
    other = {
        record.translation_key for record in records if record.locale_id != locale_id
    }
    if not other:
        return records
    model = type(records[0])
    found = {
        record.translation_key: record
        for record in model._default_manager.filter(
            translation_key__in=other, locale_id=locale_id
        )
        .select_related("locale")
        .annotate(**translation_state())
    }
    shown = [
        record
        if record.locale_id == locale_id
        else found.get(record.translation_key, record)
        for record in records
    ]
    return shown
