"""The one normalisation used for indexing and querying (portal.textsearch)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal import textsearch


def terms(text):
    return {textsearch.stem(word) for word in textsearch.words(text)}


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("επιδόματα", "Επίδομα"),
        ("στεγαση", "Στέγασης"),
        ("ΚΟΙΝΩΝΙΚΟ", "Κοινωνικό"),
        ("ψυχολογος", "ψυχολόγο"),
        ("θερμανσης", "ΘΈΡΜΑΝΣΗ"),
    ],
)
def test_case_accents_final_sigma_and_endings_meet_on_one_term(typed, written):
    assert terms(typed) & terms(written)


def test_folding_removes_accents_diaeresis_and_final_sigma():
    assert textsearch.fold("Ευρωπαϊκής ΈΝΩΣΗΣ") == "ευρωπαικησ ενωσησ"


@pytest.mark.parametrize(
    ("greeklish", "greek"),
    [
        ("epidoma", "επίδομα"),
        ("stegasis", "στέγασης"),
        ("koinoniko", "κοινωνικό"),
        ("koinwniko", "κοινωνικό"),
        ("eisodima", "εισόδημα"),
        ("8ermansi", "θέρμανση"),
        ("thermansi", "θέρμανση"),
        ("voitheia", "βοήθεια"),
        ("kapi", "ΚΑΠΗ"),
    ],
)
def test_greeklish_words_meet_the_greek_word_by_sound(greeklish, greek):
    slot = textsearch.word_slot(greeklish)
    folded = textsearch.fold(greek)
    assert textsearch.key(textsearch.stem(folded)) in slot.keys or (
        textsearch.greek_key(folded) in slot.keys
    )


@pytest.mark.parametrize(
    ("misspelt", "right"),
    [("επιδωμα", "επίδομα"), ("αλιλεγγυης", "αλληλεγγύης"), ("πεδια", "παιδιά")],
)
def test_spellings_greeks_confuse_have_the_same_key(misspelt, right):
    assert textsearch.greek_key(textsearch.fold(misspelt)) == textsearch.greek_key(
        textsearch.fold(right)
    )


def test_a_swap_of_two_letters_is_one_edit():
    assert textsearch.damerau_levenshtein("θερμασν", "θερμανσ") == 1
    assert textsearch.damerau_levenshtein("abc", "xyzw", limit=2) == 3


def test_stopwords_are_not_searched_unless_there_is_nothing_else():
    assert [slot.word for slot in textsearch.query_slots("βοήθεια στο σπίτι")] == [
        "βοηθεια",
        "σπιτι",
    ]
    assert [slot.word for slot in textsearch.query_slots("και")] == ["και"]


def test_a_synonym_phrase_answers_for_each_of_its_words():
    pairs = [(("κοινωνικο", "εισοδημα"), [("κεα",)])]
    slots = textsearch.query_slots("κοινωνικό εισόδημα", pairs)
    assert all({"κεα"} in slot.synonyms for slot in slots)


def test_a_document_weighs_each_term_by_its_best_field():
    weights = textsearch.document_terms([("Επίδομα", 10), ("επίδομα επίδομα", 1)])
    assert weights[("επιδομ", "epidom")] == pytest.approx(10.2)


def test_short_abbreviations_are_indexed_as_written_too():
    weights = textsearch.document_terms([("ΚΑΠΗ Καλαμάτας", 1)])
    assert ("καπη", "kapi") in weights


@given(st.text(max_size=300))
def test_any_text_is_normalised_without_error(text):
    textsearch.document_terms([(text, 1)])
    textsearch.query_slots(text)
