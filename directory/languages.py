"""The languages the Community Centre serves, maintained here and nowhere else.

Each has its ISO 639 code (639-1 where there is one, 639-3 otherwise), its
English name as a translatable string (the Greek and Arabic names are in the
catalogues) and its endonym, the name its speakers give it. A reader sees a
language as "<name in the page's language> (<endonym>)", or the endonym
alone when it is the page's own language, and every list of languages is in
the alphabetical order of the page's language (``in_reading_order``).

The ``directory.Language`` rows follow this list through a data migration and
the demo (``sync_languages``); a row made by hand or by an HSDS import whose
code is not here keeps its own name and autonym.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.translation import pgettext_lazy

from search.analysis import sort_key


@dataclass(frozen=True)
class ServedLanguage:
    code: str
    name: Promise  # in English, translated by the catalogues
    endonym: str


SERVED_LANGUAGES = (
    ServedLanguage("el", pgettext_lazy("language", "Greek"), "Ελληνικά"),
    ServedLanguage("en", pgettext_lazy("language", "English"), "English"),
    ServedLanguage("ar", pgettext_lazy("language", "Arabic"), "العربية"),
    ServedLanguage("sq", pgettext_lazy("language", "Albanian"), "Shqip"),
    ServedLanguage("rom", pgettext_lazy("language", "Romani"), "Romani čhib"),
    ServedLanguage("fa", pgettext_lazy("language", "Farsi"), "فارسی"),
    ServedLanguage("prs", pgettext_lazy("language", "Dari"), "دری"),
    ServedLanguage("ur", pgettext_lazy("language", "Urdu"), "اردو"),
    ServedLanguage("ps", pgettext_lazy("language", "Pashto"), "پښتو"),
    ServedLanguage("kmr", pgettext_lazy("language", "Kurmanji Kurdish"), "Kurmancî"),
    ServedLanguage("ckb", pgettext_lazy("language", "Sorani Kurdish"), "کوردی"),
    ServedLanguage("fr", pgettext_lazy("language", "French"), "Français"),
    ServedLanguage("uk", pgettext_lazy("language", "Ukrainian"), "Українська"),
    ServedLanguage("ru", pgettext_lazy("language", "Russian"), "Русский"),
    ServedLanguage("ka", pgettext_lazy("language", "Georgian"), "ქართული"),
    ServedLanguage("bg", pgettext_lazy("language", "Bulgarian"), "Български"),
    ServedLanguage("ro", pgettext_lazy("language", "Romanian"), "Română"),
)
BY_CODE = {language.code: language for language in SERVED_LANGUAGES}


def _name_and_endonym(language):
    """(name in the reader's language, endonym beside it or "")."""
    code = getattr(language, "code", language)
    served = BY_CODE.get(code)
    if served is not None:
        name, endonym = str(served.name), served.endonym
    elif hasattr(language, "name"):
        name, endonym = language.name, language.autonym
    else:
        return str(code), ""
    if code == translation.get_language() or not name:
        return endonym or name, ""
    if endonym == name:
        return name, ""
    return name, endonym


def label(language):
    """A ``directory.Language`` (or its code) as the reader of the active
    language reads it: "Albanian (Shqip)" on an English page, "Shqip" alone
    where the page is in that language."""
    name, endonym = _name_and_endonym(language)
    return f"{name} ({endonym})" if endonym else name


def label_html(language):
    """``label`` for a page: the endonym is marked with its language and
    isolated (``<bdi lang="sq">Shqip</bdi>``), so that a screen reader says it
    in that language and "العربية" keeps its direction in an English line."""
    name, endonym = _name_and_endonym(language)
    if not endonym:
        return conditional_escape(name)
    code = getattr(language, "code", language)
    return format_html('{} (<bdi lang="{}">{}</bdi>)', name, code, endonym)


def in_reading_order(languages):
    """``languages`` (rows or codes) sorted by their labels in the active
    language, accents and case aside (search.analysis.sort_key)."""
    return sorted(
        languages,
        key=lambda language: (sort_key(label(language)), label(language)),
    )


def sync_languages(language_model):
    """Make the Language rows match SERVED_LANGUAGES: the missing ones made
    (named in Greek, the editors' language), every served one given its
    endonym. Rows of other languages are left alone, and so are names an
    editor has given. ``language_model``: the model, or a migration's
    historical one. Returns how many rows were made."""
    made = 0
    for served in SERVED_LANGUAGES:
        with translation.override("el"):
            greek = str(served.name)
        row, created = language_model.objects.get_or_create(
            code=served.code,
            defaults={"name": greek, "autonym": served.endonym},
        )
        made += created
        if not created and row.autonym != served.endonym:
            row.autonym = served.endonym
            row.save(update_fields=["autonym"])
    return made
