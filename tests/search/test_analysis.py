"""The one normalisation used for indexing and querying (search.analysis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search import analysis


def terms(text):
    return {analysis.stem(word) for word in analysis.words(text)}


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
    assert analysis.fold("Ευρωπαϊκής ΈΝΩΣΗΣ") == "ευρωπαικησ ενωσησ"


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
    slot = analysis.word_slot(greeklish)
    folded = analysis.fold(greek)
    assert analysis.key(analysis.stem(folded)) in slot.keys or (
        analysis.greek_key(folded) in slot.keys
    )


@pytest.mark.parametrize(
    ("misspelt", "right"),
    [("επιδωμα", "επίδομα"), ("αλιλεγγυης", "αλληλεγγύης"), ("πεδια", "παιδιά")],
)
def test_spellings_greeks_confuse_have_the_same_key(misspelt, right):
    assert analysis.greek_key(analysis.fold(misspelt)) == analysis.greek_key(
        analysis.fold(right)
    )


def test_a_swap_of_two_letters_is_one_edit():
    assert analysis.damerau_levenshtein("θερμασν", "θερμανσ") == 1
    assert analysis.damerau_levenshtein("abc", "xyzw", limit=2) == 3


def test_stopwords_are_not_searched_unless_there_is_nothing_else():
    assert [slot.word for slot in analysis.query_slots("βοήθεια στο σπίτι")] == [
        "βοηθεια",
        "σπιτι",
    ]
    assert [slot.word for slot in analysis.query_slots("και")] == ["και"]


def test_a_synonym_phrase_answers_for_each_of_its_words():
    pairs = [(("κοινωνικο", "εισοδημα"), [("κεα",)])]
    slots = analysis.query_slots("κοινωνικό εισόδημα", pairs)
    assert all({"κεα"} in slot.synonyms for slot in slots)


def test_a_document_weighs_each_term_by_its_best_field():
    weights = analysis.document_terms([("Επίδομα", 10), ("επίδομα επίδομα", 1)])
    assert weights[("επιδομ", "epidom")] == pytest.approx(10.2)


def test_short_abbreviations_are_indexed_as_written_too():
    weights = analysis.document_terms([("ΚΑΠΗ Καλαμάτας", 1)])
    assert ("καπη", "kapi") in weights


@given(st.text(max_size=300))
def test_any_text_is_normalised_without_error(text):
    analysis.document_terms([(text, 1)])
    analysis.query_slots(text)


# --- Arabic (issue #19) --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("سكن", "إعانة السكن"),  # the article
        ("تدفئة", "إعانة التدفئة"),
        ("لاجئين", "دعم طالبي اللجوء واللاجئين"),  # و + ال
        ("اللاجئين", "واللاجئين"),
        ("الأطفال", "للأطفال"),  # ل + ال, the alef dropped
        ("بيت", "بالبيت"),  # ب + ال
        ("اعانه", "إعانة"),  # hamza on alef, ta marbuta
        ("آمنة", "امنه"),  # madda
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مسـاعـدة", "مساعدة"),  # tatweel
        ("مُسَاعَدَة", "مساعدة"),  # harakat
        ("نفسي", "الدعم النفسي"),  # an ending: Snowball Arabic
    ],
)
def test_arabic_words_meet_whatever_their_article_clitics_and_spelling(typed, written):
    assert all_terms(typed) & all_terms(written)


def all_terms(text):
    return {term for word in analysis.words(text) for term in analysis.stems(word)}


def test_arabic_indic_digits_are_digits():
    assert analysis.words("٢٠٢٦ ۱۲") == ["2026", "12"]


def test_a_letter_that_may_be_a_clitic_is_kept_as_well_as_stripped():
    # "لجوء" (asylum) begins with ل, which is not a preposition here: the word
    # is still found as written.
    assert analysis.stem("لجوء") in analysis.stems("لجوء")
    assert all_terms("لجوء") & all_terms("اللجوء")


def test_arabic_stop_words_are_dropped_from_queries():
    assert [slot.word for slot in analysis.query_slots("أريد مساعدة في السكن")] == [
        "مساعده",
        "السكن",
    ]


# --- Dotted acronyms, long words, stop words -----------------------------------


@pytest.mark.parametrize(
    ("dotted", "joined"),
    [
        ("Α.Μ.Κ.Α.", "αμκα"),
        ("Κ.Ε.Α.", "κεα"),
        ("Ο.Α.Ε.Δ.", "οαεδ"),
        ("Κ.Α.Π.Η.", "καπη"),
        ("Κ.Α.Π.Η", "καπη"),
        ("A.M.K.A.", "amka"),
        ("K.A.Π.H.", "καπη"),  # Latin lookalikes among Greek letters
    ],
)
def test_dotted_acronyms_are_one_word(dotted, joined):
    assert analysis.words(f"Η {dotted} της") == ["η", joined, "τησ"]


def test_latin_acronyms_in_lookalike_letters_sound_like_the_greek_ones():
    slot = analysis.word_slot(analysis.words("A.M.K.A.")[0])
    indexed_keys = {key for _term, key in analysis.document_terms([("ΑΜΚΑ", 1)])}
    assert indexed_keys & slot.keys


def test_a_word_longer_than_the_index_keeps_is_cut_the_same_way_in_a_query():
    long_word = "Υπερ" + "κατασκευαστικοποιημένων" * 4
    (indexed,) = analysis.document_terms([(long_word, 1)])
    (slot,) = analysis.query_slots(long_word)
    assert indexed[0] in slot.terms
    assert len(indexed[0]) <= analysis.MAX_TERM_LENGTH


def test_greek_stop_words_ending_in_sigma_are_dropped_too():
    assert [slot.word for slot in analysis.query_slots("πώς ως ΚΕΑ")] == ["κεα"]


def test_everyday_phrasing_leaves_the_thing_asked_for():
    words = [
        slot.word for slot in analysis.query_slots("δεν μπορώ να πληρώσω το ρεύμα")
    ]
    assert "ρευμα" in words
    assert not {"δεν", "μπορω", "να", "το"} & set(words)


# --- English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("colour", "color"),
        ("organisation", "organization"),
        ("organised", "organized"),
        ("centre", "center"),
        ("counselling", "counseling"),
        ("licence", "license"),
        ("programme", "program"),
        ("neighbours", "neighbors"),
        ("analyse", "analyze"),
        ("paediatrician", "pediatrician"),
        ("enrolment", "enrollment"),
    ],
)
def test_british_and_american_spellings_meet(british, american):
    assert terms(british) == terms(american)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("refugees", "refugee"), ("allowances", "allowance"), ("children's", "children")],
)
def test_english_plurals_meet_the_singular(plural, singular):
    assert terms(plural) & terms(singular)


@pytest.mark.parametrize("word", ["advise", "exercise", "promise", "four", "hour"])
def test_words_spelt_alike_everywhere_are_left_alone(word):
    assert analysis.english_spelling(word) == word
