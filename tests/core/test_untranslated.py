"""An English page marks the Greek it shows from linked records (#18):
wagtail-localize copies a linked record into English untranslated, and such a
copy, like a record with no locale, reads in Greek."""

from django.utils import translation
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from core.templatetags.core_tags import text_lang
from directory.calendar import DayChange
from directory.factories import OrganisationFactory


def test_a_copy_not_yet_translated_is_marked_greek_until_it_is(locales):
    greek = OrganisationFactory(name="Υπουργείο Ενέργειας", slug="ypen-test")
    source, _created = TranslationSource.get_or_create_from_instance(greek)
    english = Translation.objects.create(source=source, target_locale=locales["en"])
    english.save_target()  # a copy, as sending a page for translation makes
    copy = greek.get_translation(locales["en"])
    with _english():
        assert copy.name == "Υπουργείο Ενέργειας"
        assert text_lang(copy) == ' lang="el" dir="ltr"'
        assert text_lang(greek) == ' lang="el" dir="ltr"'
        words = {"Υπουργείο Ενέργειας": "Ministry of Energy"}
        for segment in StringSegment.objects.filter(source=source):
            text = segment.string.data
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locales["en"],
                context=segment.context,
                data=words.get(text, text),
            )
        english.save_target()
        copy = greek.get_translation(locales["en"])
        assert copy.name == "Ministry of Energy"
        assert text_lang(copy) == ""


def test_a_closure_is_in_greek_and_a_greek_record_on_a_greek_page_unmarked(locales):
    closure = DayChange(starts_on=None, ends_on=None, kind="closed", reason="Πολιούχος")
    with _english():
        assert text_lang(closure) == ' lang="el" dir="ltr"'
    assert text_lang(OrganisationFactory(slug="greek-only")) == ""


def _english():
    return translation.override("en")
