"""One normalisation of text for indexing and for querying, on every backend.

A word becomes a *term* (case folded, accents and diaeresis removed, final
sigma made ordinary, stemmed with the Snowball Greek stemmer, or the English
one for Latin script) and a *key*: the term spelled by sound, so that the
spellings Greek readers confuse (η ι υ ει οι, ο ω, ε αι, double letters) and
Greeklish ("epidoma", "8ermansi", "koinwniko") meet on one key.

Everything here is plain functions over strings: the index, the query engine
and the tests call them directly.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+")
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
LATIN = re.compile(r"[a-z]")

# Words that say nothing about what a person looks for; dropped from queries
# and from the index.
STOPWORDS = frozenset(
    """
    ο η το οι τα του της των τον την τη στο στη στην στον στα στις στους σε
    και κι για με απο από ως να θα δεν μη μην που πως ή η ειτε ενα ενας μια
    μιας ενος ειναι αν ομως αλλα οπως κατα μετα προς χωρις εως ολα ολοι
    the a an and or of to in on for with by at from is are be this that it as
    """.split()
)

# A stem is trusted when it keeps most of the word; Snowball's Greek rules
# sometimes cut too deep ("παιδιων" to "πα").
MIN_STEM = 3
# How many letters an ending may have when a query word is matched against
# the stems it begins with ("στεγασισ" against "στεγασ").
MAX_ENDING = 4
# Abbreviations (ΚΕΑ, ΚΑΠΗ, ΔΥΠΑ) are indexed as written as well as stemmed.
MAX_ABBREVIATION = 5

GREEK_DIGRAPHS = (
    ("ου", "u"),
    ("αι", "e"),
    ("ει", "i"),
    ("οι", "i"),
    ("υι", "i"),
    ("αυ", "av"),
    ("ευ", "ev"),
    ("μπ", "b"),
    ("ντ", "d"),
    ("γκ", "g"),
    ("γγ", "g"),
)
GREEK_LETTERS = dict(
    zip(
        "αβγδεζηθικλμνξοπρστυφχψω",
        "a v g d e z i 8 i k l m n ks o p r s t i f h ps o".split(),
        strict=True,
    )
)
# Greeklish, as people type it: several spellings for one Greek letter, and
# some Latin letters that stand for more than one (h for η or χ, x for χ or ξ).
LATIN_DIGRAPHS = (
    ("th", ("8",)),
    ("ch", ("h",)),
    ("kh", ("h",)),
    ("ps", ("ps",)),
    ("ks", ("ks",)),
    ("ou", ("u",)),
    ("ai", ("e",)),
    ("ei", ("i",)),
    ("oi", ("i", "oi")),
    ("yi", ("i",)),
    ("ui", ("i",)),
    ("au", ("av",)),
    ("eu", ("ev",)),
    ("mp", ("b",)),
    ("nt", ("d",)),
    ("gk", ("g",)),
    ("gg", ("g",)),
)
LATIN_LETTERS = {
    "a": ("a",),
    "b": ("v", "b"),
    "c": ("k",),
    "d": ("d",),
    "e": ("e",),
    "f": ("f",),
    "g": ("g",),
    "h": ("i", "h"),
    "i": ("i",),
    "j": ("g",),
    "k": ("k",),
    "l": ("l",),
    "m": ("m",),
    "n": ("n",),
    "o": ("o",),
    "p": ("p",),
    "q": ("8",),
    "r": ("r",),
    "s": ("s",),
    "t": ("t",),
    "u": ("i", "u"),
    "v": ("v",),
    "w": ("o",),
    "x": ("h", "ks"),
    "y": ("i",),
    "z": ("z",),
    "8": ("8",),
    "3": ("ks",),
    "4": ("a",),
    "0": ("o",),
}
MAX_VARIANTS = 8


def fold(text):
    """Lower case without accents, diaeresis or final sigma."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).replace("ς", "σ")


def words(text):
    return WORD.findall(fold(text))


def is_greek(word):
    return bool(GREEK.search(word))


def is_latin(word):
    return bool(LATIN.search(word)) and not is_greek(word)


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of a folded word: Greek or English Snowball, digits as they are."""
    if is_greek(word):
        stemmed = _stemmer("greek").stemWord(word)
        # The Greek stemmer works on its own upper-case alphabet internally and
        # answers in lower case; a too-short stem is worse than none.
        stemmed = fold(stemmed)
        if len(stemmed) < MIN_STEM <= len(word):
            stemmed = word[: max(MIN_STEM, len(word) - MAX_ENDING)]
        return stemmed
    if is_latin(word):
        return _stemmer("english").stemWord(word)
    return word


def _collapse(letters):
    """Double letters are one sound: "αλληλεγγυη" and "alilegii" meet."""
    return "".join(key for key, _ in itertools.groupby("".join(letters)))


@lru_cache(maxsize=50_000)
def greek_key(word):
    """How a folded Greek word sounds, in a small Latin alphabet."""
    out = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        for digraph, sound in GREEK_DIGRAPHS:
            if pair == digraph:
                out.append(sound)
                index += 2
                break
        else:
            out.append(GREEK_LETTERS.get(word[index], word[index]))
            index += 1
    return _collapse(out)


@lru_cache(maxsize=10_000)
def latin_keys(word):
    """The keys a word typed in Latin letters may stand for (Greeklish)."""
    choices = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        for digraph, sounds in LATIN_DIGRAPHS:
            if pair == digraph:
                choices.append(sounds)
                index += 2
                break
        else:
            choices.append(LATIN_LETTERS.get(word[index], (word[index],)))
            index += 1
    variants = []
    for combination in itertools.product(*choices):
        variants.append(_collapse(combination))
        if len(variants) == MAX_VARIANTS:
            break
    return tuple(dict.fromkeys(variants))


def key(word):
    """The sound key of a folded word or term in any script."""
    if is_greek(word):
        return greek_key(word)
    if is_latin(word):
        return latin_keys(word)[0]
    return word


# --- Documents -------------------------------------------------------------


def document_terms(fields):
    """{(term, key): weight} for a document given as (text, weight) pairs.

    A term keeps the weight of the most important field it appears in, plus a
    little for each repetition, so that a title outweighs a mention in the
    body however long the body is.
    """
    weights = {}
    counts = {}
    for text, weight in fields:
        for word in words(text or ""):
            if word in STOPWORDS or len(word) < 2:
                continue
            forms = {stem(word)}
            if len(word) <= MAX_ABBREVIATION:
                forms.add(word)
            for term in forms:
                entry = (term, key(term))
                weights[entry] = max(weights.get(entry, 0), weight)
                counts[entry] = counts.get(entry, 0) + 1
    return {
        entry: round(weight + min(counts[entry] - 1, 5) * 0.1, 2)
        for entry, weight in weights.items()
    }


# --- Queries -----------------------------------------------------------------


@dataclass
class Slot:
    """One word of a query and every way a document may match it.

    ``terms`` match exactly; ``heads`` are terms the word begins with (the
    stem is shorter than the word); ``prefix`` matches terms that begin with
    the word's stem; ``keys`` match by sound; ``synonyms`` are other words for
    the same thing, each a list of terms that all count.
    """

    word: str
    terms: set = field(default_factory=set)
    heads: set = field(default_factory=set)
    prefix: str = ""
    keys: set = field(default_factory=set)
    synonyms: list = field(default_factory=list)
    fuzzy: set = field(default_factory=set)  # keys found by spelling correction

    def all_terms(self):
        found = set(self.terms) | self.heads
        for group in self.synonyms:
            found.update(group)
        return found


def heads_of(text):
    """The beginnings of a word that a stem of it may be."""
    shortest = max(MIN_STEM + 1, len(text) - MAX_ENDING)
    return {text[:length] for length in range(shortest, len(text) + 1)}


def word_slot(word):
    slot = Slot(word=word)
    stemmed = stem(word)
    slot.terms = {stemmed, word}
    slot.heads = heads_of(word)
    if len(stemmed) >= MIN_STEM + 1:
        slot.prefix = stemmed
    if is_greek(word):
        slot.keys = {greek_key(stemmed), greek_key(word)} | {
            greek_key(head) for head in slot.heads
        }
    elif is_latin(word):
        for variant in latin_keys(word):
            slot.keys.add(variant)
            slot.keys.update(heads_of(variant))
    return slot


def query_slots(text, synonyms=()):
    """The slots of a query; ``synonyms`` is a list of (phrase, alternatives)
    pairs of folded word tuples, applied where the phrase occurs."""
    found = words(text)
    meaningful = [word for word in found if word not in STOPWORDS] or found
    slots = [word_slot(word) for word in meaningful]
    for phrase, alternatives in synonyms:
        size = len(phrase)
        for start in range(len(meaningful) - size + 1):
            if tuple(meaningful[start : start + size]) == tuple(phrase):
                for alternative in alternatives:
                    group = {
                        stem(word) for word in alternative if word not in STOPWORDS
                    }
                    # A phrase of several words is one thing asked for: its
                    # alternative answers for each of them.
                    for slot in slots[start : start + size] if group else ():
                        slot.synonyms.append(group)
    return slots


def damerau_levenshtein(a, b, limit=2):
    """Edits (insert, delete, substitute, swap neighbours) from a to b,
    stopping early once past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                previous_previous is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def allowed_edits(text):
    """Short words may be one letter off, longer ones two."""
    if len(text) < 4:
        return 0
    return 1 if len(text) < 8 else 2
