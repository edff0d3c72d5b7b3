"""One normalisation of text for indexing and for querying, on every backend.

A word becomes a *term* and a *key*, per script:

* Greek: case folded, accents and diaeresis removed, final sigma made
  ordinary, stemmed with the Snowball Greek stemmer; the key is the term
  spelled by sound, so that the spellings Greek readers confuse (η ι υ ει οι,
  ο ω, ε αι, double letters) and Greeklish ("epidoma", "8ermansi",
  "koinwniko") meet on one key.
* Arabic: hamza forms of alef (أ إ آ ٱ) made bare alef, ؤ ئ their carriers,
  ta marbuta (ة) made ه, alef maqsura (ى) made ي, tatweel and harakat
  removed, Arabic-Indic digits made 0-9; the conjunctions و ف, the
  prepositions ب ك ل and the article ال stripped where they are unambiguous
  (before ال, "واللاجئين" → "لاجئين"), then the Snowball Arabic stemmer.
  A single letter و ف ب ك ل with no article may be part of the word (وزارة,
  لجوء): the word is then kept with and without it.
* English: Snowball English, with British and American spellings folded
  (colour/color, organise/organize, centre/center, counselling/counseling).

Dotted acronyms are joined before anything else (Α.Μ.Κ.Α. → αμκα), and
Latin capitals typed among Greek letters (KAΠH) read as the Greek letters they
look like. Words are cut to ``MAX_TERM_LENGTH`` letters before analysis, at
index and at query time alike.

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
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
# A dot between two single letters: how forms and letters write acronyms
# (Α.Μ.Κ.Α., Κ.Ε.Α., A.M.K.A.). Removing these dots joins the letters; the
# Elasticsearch analyzers remove the same dots (``ACRONYM_DOT_JAVA`` in
# ``search.backends.elasticsearch``). A letter is [^\W\d_], \p{L} in Java.
ACRONYM_DOT = re.compile(r"(?<=[^\W\d_])(?<!\w[^\W\d_])\.(?=[^\W\d_](?!\w))")

# How much of a term the index keeps, and the first letters it also keeps for
# prefix lookups by equality (``search.models.SearchTerm``).
MAX_TERM_LENGTH = 60
HEAD_LENGTH = 4

# Words that say nothing about what a person looks for, per language, as
# written; dropped from queries and from the index (``STOPWORDS``, folded,
# below ``fold``). Besides articles, pronouns and prepositions, the words of
# everyday phrasing around the thing asked for ("δεν μπορώ να πληρώσω το
# ρεύμα", "I need help with the rent", "أريد مساعدة في الإيجار").
STOPWORDS_AS_WRITTEN = {
    "el": """
    ο η το οι τα του της των τον την τη στο στη στην στον στα στις στους σε
    και κι για με απο από ως να θα δεν μη μην που πως πώς ή ειτε ενα ενας μια
    μιας ενος ειναι είναι αν ομως όμως αλλα αλλά οπως όπως κατα κατά μετα μετά
    προς χωρις χωρίς εως έως ολα όλα ολοι όλοι μου σου μας σας τι τί πού
    μπορώ μπορούμε θέλω θέλουμε χρειάζομαι ψάχνω πρέπει έχω
    """,
    "en": """
    the a an and or of to in on for with by at from is are be this that it as
    i me my we our you your can cannot cant how what where who do does not
    need want get some any about there was were has have will
    """,
    "ar": """
    في من الى إلى على عن مع او أو ان أن إن هذا هذه ذلك تلك التي الذي الذين
    ما ماذا كيف اين أين هل لا لم لن كل بعد قبل عند حتى ثم قد كان
    انا أنا نحن هو هي لي له لها اريد أريد احتاج أحتاج يمكن ممكن
    """,
}

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


# Letters one script writes two ways, made one (applied after the accents,
# hamza and harakat, all combining marks, have been removed):
ONE_LETTER = str.maketrans(
    {
        "ς": "σ",
        "ة": "ه",  # ta marbuta
        "ى": "ي",  # alef maqsura
        "ٱ": "ا",  # alef wasla
        "ـ": None,  # tatweel, a stretch of the line
        "ک": "ك",  # Persian keyboard kaf and yeh
        "ی": "ي",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
# Latin letters that look like Greek ones, read as Greek in a word that has
# Greek letters too (a keyboard switched half way: "KAΠH").
LOOKALIKES = str.maketrans("abehikmnoptxyz", "αβεηικμνορτχυζ")


def fold(text):
    """Lower case without accents, diaeresis, final sigma, hamza seats,
    harakat or tatweel; compatibility forms (Arabic presentation forms,
    ligatures, full-width letters) as their plain letters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).translate(ONE_LETTER)


SORT_KEY_LENGTH = 255


def sort_key(text):
    """The key a list is sorted by for readers of Greek, English and Arabic:
    ``fold`` (so Ά, Α and α are one letter and Arabic reads by its letters,
    without harakat, hamza seats or tatweel), leading quotes and punctuation
    dropped ("«Βοήθεια»" among the Β's). Code point order of the folded
    letters is each alphabet's own order. Stored beside a title or name, it
    lets every database sort the same way (see directory.models)."""
    folded = fold(text or "")
    start = 0
    while start < len(folded) and not folded[start].isalnum():
        start += 1
    return (folded[start:] or folded)[:SORT_KEY_LENGTH]


STOPWORDS = frozenset(
    fold(word) for text in STOPWORDS_AS_WRITTEN.values() for word in text.split()
)


def join_acronyms(text):
    """Α.Μ.Κ.Α. → ΑΜΚΑ: the letters of a dotted acronym as one word."""
    return ACRONYM_DOT.sub("", text)


def _one_script(word):
    if GREEK.search(word) and LATIN.search(word):
        return word.translate(LOOKALIKES)
    return word


def words(text):
    """The folded words of a text, each cut to ``MAX_TERM_LENGTH`` letters."""
    return [
        _one_script(word[:MAX_TERM_LENGTH])
        for word in WORD.findall(fold(join_acronyms(text)))
    ]


def is_greek(word):
    return bool(GREEK.search(word))


def is_latin(word):
    return bool(LATIN.search(word)) and not is_greek(word)


def is_arabic(word):
    return bool(ARABIC.search(word))


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of a folded word: Greek, English or Arabic Snowball (Arabic
    after its unambiguous clitics), digits as they are."""
    if is_greek(word):
        stemmed = _stemmer("greek").stemWord(word)
        # The Greek stemmer works on its own upper-case alphabet internally and
        # answers in lower case; a too-short stem is worse than none.
        stemmed = fold(stemmed)
        if len(stemmed) < MIN_STEM <= len(word):
            stemmed = word[: max(MIN_STEM, len(word) - MAX_ENDING)]
        return stemmed
    if is_arabic(word):
        return arabic_stem(strip_article(word))
    if is_latin(word):
        return english_stem(word)
    return word


def stems(word):
    """Every term a folded word is indexed and searched under: its stem, and
    for an Arabic word that begins with a letter that may be a clitic (و ف ب ك
    ل) but carries no article, the stem without that letter as well."""
    found = [stem(word)]
    if is_arabic(word):
        bare = strip_article(word)
        if bare[:1] in ARABIC_CLITICS and len(bare) - 1 >= ARABIC_MIN_BARE:
            found.append(arabic_stem(bare[1:]))
    return list(dict.fromkeys(found))


# --- Arabic ------------------------------------------------------------------

# Conjunctions (و ف) and prepositions (ب ك ل) written joined to the next word.
ARABIC_CLITICS = frozenset("وفبكل")
# The article with what may come before it, longest first; "لل" is ل + ال,
# the alef dropped in writing. The "ال" in these is never part of a word.
ARABIC_ARTICLES = tuple(
    sorted(
        {
            *(
                conjunction + preposition + article
                for conjunction in ("", "و", "ف")
                for preposition in ("", "ب", "ك")
                for article in ("ال",)
            ),
            "لل",
            "ولل",
            "فلل",
        },
        key=len,
        reverse=True,
    )
)
# What must be left of a word for a prefix to have been a prefix.
ARABIC_MIN_BARE = 3


def strip_article(word):
    """A folded Arabic word without its article and what is joined before
    it ("واللاجئين" → "لاجئين"); other words as they are."""
    for prefix in ARABIC_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


@lru_cache(maxsize=50_000)
def arabic_stem(word):
    """Snowball Arabic, and folded again (it may answer with ة or ى); a stem
    of fewer than two letters says less than the word."""
    stemmed = fold(_stemmer("arabic").stemWord(word))
    return stemmed if len(stemmed) >= 2 else word


# --- English -----------------------------------------------------------------

# British spellings made American before stemming, word by word, so both meet:
# (ending, replacement, shortest word it applies to).
ENGLISH_WORD_ENDINGS = (
    ("isation", "ization", 8),
    ("isations", "izations", 9),
    ("ise", "ize", 6),
    ("ised", "ized", 7),
    ("ises", "izes", 7),
    ("ising", "izing", 8),
    ("yse", "yze", 5),
    ("ysed", "yzed", 6),
    ("ysing", "yzing", 7),
    ("our", "or", 6),
    ("ours", "ors", 7),
    ("tre", "ter", 5),
    ("tres", "ters", 6),
    ("bre", "ber", 5),
    ("bres", "bers", 6),
    ("ogue", "og", 6),
    ("ogues", "ogs", 7),
    ("elled", "eled", 7),
    ("elling", "eling", 8),
    ("eller", "eler", 7),
    ("ellor", "elor", 7),
    ("ellors", "elors", 8),
    ("ence", "ense", 7),  # licence, defence, offence
)
# Words the rules above cannot tell from others (or that they would get wrong).
ENGLISH_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "cheque": "check",
    "cheques": "checks",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "mum": "mom",
    "mums": "moms",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "paediatric": "pediatric",
    "paediatrician": "pediatrician",
    "anaemia": "anemia",
    "practise": "practice",
    "practised": "practiced",
    "aluminium": "aluminum",
    "pyjamas": "pajamas",
    "ageing": "aging",
    "judgement": "judgment",
    "storey": "story",
    "kerb": "curb",
    "plough": "plow",
}
# Words of those shapes that are spelt so on both sides of the Atlantic.
ENGLISH_KEEP = frozenset(
    """advise advised advising exercise exercised exercising promise promised
    premise premises otherwise likewise wise rise raise raised surprise
    surprised enterprise expertise franchise merchandise compromise
    supervise supervised televise revise revised improvise comprise comprised
    disguise despise devise precise concise paradise noise poise praise
    cruise bruise chemise treatise concise excise incise demise
    contour detour devour flour glamour armour velour your yours four
    theatre mitre""".split()
)


@lru_cache(maxsize=50_000)
def english_spelling(word):
    """A folded English word in American spelling (British and American
    spellings of one word meet; the index and queries both pass here)."""
    if word in ENGLISH_WORDS:
        return ENGLISH_WORDS[word]
    if word in ENGLISH_KEEP:
        return word
    for ending, replacement, shortest in ENGLISH_WORD_ENDINGS:
        if len(word) >= shortest and word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word


@lru_cache(maxsize=50_000)
def english_stem(word):
    return _stemmer("english").stemWord(english_spelling(word))


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
    """The sound key of a folded word or term in any script, cut to what the
    index keeps."""
    if is_greek(word):
        return greek_key(word)[:MAX_TERM_LENGTH]
    if is_latin(word):
        return latin_keys(word)[0][:MAX_TERM_LENGTH]
    return word[:MAX_TERM_LENGTH]


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
            forms = set(stems(word))
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
    slot.terms = {*stems(word), word}
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
    # A phrase is found by its stems, so that its inflected forms and, in
    # Arabic, its forms with the article ("المسنين" for "مسنين") call it up.
    stemmed = [stem(word) for word in meaningful]
    for phrase, alternatives in synonyms:
        size = len(phrase)
        wanted = tuple(stem(word) for word in phrase)
        for start in range(len(meaningful) - size + 1):
            if tuple(stemmed[start : start + size]) == wanted:
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
