"""ELOT 743, rule by rule (core.slugs): the one transliteration of every slug."""

import pytest

from core.slugs import elot743, latin_slug, slugify


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        # Single letters (ELOT 743 table)
        ("αβδεζ", "avdez"),
        ("θάλασσα", "thalassa"),
        ("ξύλο", "xylo"),
        ("ψάρι", "psari"),
        ("χώρα", "chora"),
        ("ήλιος", "ilios"),
        ("ύπνος", "ypnos"),
        ("ωδή", "odi"),
        ("φως", "fos"),
        # ου
        ("ουρανός", "ouranos"),
        # αυ, ευ, ηυ: v before vowels and voiced consonants
        ("Ευαγγελία", "Evangelia"),
        ("αύριο", "avrio"),
        ("ευλογία", "evlogia"),
        ("ηύρα", "ivra"),
        # ... f before voiceless consonants and at the end of a word
        ("αυτός", "aftos"),
        ("ευχαριστώ", "efcharisto"),
        ("Ναύπλιο", "Nafplio"),
        ("ηυξημένος", "ifximenos"),
        ("διαφεύγει ταυ", "diafevgei taf"),
        # γγ, γξ, γχ, γκ
        ("Άγγελος", "Angelos"),
        ("έλεγξε", "elenxe"),
        ("Αγχίαλος", "Anchialos"),
        ("άγκυρα", "agkyra"),
        # μπ: b at the start of a word, mp inside; ντ: nt
        ("Μπάμπης", "Bampis"),
        ("ντομάτα", "ntomata"),
        # Accents and diaeresis dropped; ϊ/ϋ and an accented first vowel break
        # a digraph
        ("Μαΐου", "Maiou"),
        ("προϋπόθεση", "proypothesi"),
        ("άυλος", "aylos"),
        ("ρολόι", "roloi"),
        # Capitals follow the source
        ("Ψυχή", "Psychi"),
        ("ΨΥΧΗ", "PSYCHI"),
        ("ΘΕΜΑ", "THEMA"),
        ("Θέμα", "Thema"),
        ("Ουρανός", "Ouranos"),
        # Other characters untouched
        ("ΚΕΠ 2027!", "KEP 2027!"),
    ],
)
def test_elot743_rule(greek, latin):
    assert elot743(greek) == latin


def test_slug_of_the_issue_title():
    assert slugify("Επίδομα Θέρμανσης") == "epidoma-thermansis"


def test_a_persons_name_is_transcribed_not_spelled_letter_by_letter():
    # anyascii gave "eleni-papadopoyloy"
    assert slugify("Ελένη Παπαδοπούλου") == "eleni-papadopoulou"


def test_slug_is_cut_without_a_trailing_hyphen():
    assert slugify("Κέντρο Κοινότητας Καλαμάτας", max_length=18) == "kentro-koinotitas"


def test_other_scripts_get_their_closest_latin_letters():
    assert slugify("Café Ünal") == "cafe-unal"
    assert slugify("مركز")  # not empty: Arabic titles get a Latin slug too


def test_nothing_latin_left_is_an_empty_slug():
    assert slugify("!!") == ""


def test_latin_slug_keeps_an_editors_latin_slug_and_transcribes_greek():
    assert latin_slug("my-own-choice") == "my-own-choice"
    assert latin_slug("επίδομα-θέρμανσης") == "epidoma-thermansis"
