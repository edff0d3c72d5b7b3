import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}")
# The number that chooses a plural form: a form used for one number only (Greek
# "one", Arabic "one" and "two") may say it in words ("كل يومين") instead.
COUNT = {"{{ counter }}", "%(count)s", "%(counter)s"}


def catalogue(language):
    return polib.pofile(
        str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po")
    )


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_catalogue_has_no_empty_or_fuzzy_translation(language):
    po = catalogue(language)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_translations_keep_every_placeholder(language):
    for entry in catalogue(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            # Plural forms may drop the count ("one result") but nothing else.
            found = sorted(PLACEHOLDER.findall(text))
            assert set(found) <= set(expected), (entry.msgid, text)
            droppable = COUNT if entry.msgid_plural else set()
            assert set(expected) - set(found) <= droppable, (entry.msgid, text)


def test_arabic_says_one_and_two_in_words():
    """Arabic's "one" and "two" plural forms carry the number in the word
    ("نتيجة واحدة", "نتيجتان"): "2 نتيجتان" says two twice, and reads as a
    mistake. The count stays in the other forms ("3 نتائج")."""
    doubled = [
        (entry.msgid_plural, entry.msgstr_plural[form])
        for entry in catalogue("ar").translated_entries()
        if entry.msgid_plural
        for form in (1, 2)
        if COUNT & set(PLACEHOLDER.findall(entry.msgstr_plural[form]))
    ]
    assert doubled == []


MARKUP = re.compile(r"<[^>]*>|&\w+;")
STRAY_PUNCTUATION = re.compile(r"(?<![\w\u2066])[.\-/][A-Za-z]")


def test_arabic_text_starts_no_latin_word_with_punctuation():
    """In right-to-left text the bidi algorithm gives a dot or dash before a
    Latin word the Arabic direction, so "(.ics)" showed as "(ics.)". Such a
    word is written without it, or isolated (U+2066…U+2069)."""
    stray = [
        text
        for entry in catalogue("ar").translated_entries()
        for text in (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        if STRAY_PUNCTUATION.search(MARKUP.sub("", PLACEHOLDER.sub("", text)))
    ]
    assert stray == []
