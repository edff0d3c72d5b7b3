"""One transliteration for every address Kentro makes: Greek to Latin by
ELOT 743 (the Greek standard, identical to ISO 843 type 2 "transcription",
used on Greek passports and road signs).

Every slug is made here: by the admin (a page's slug field, a snippet's slug
field), by the HSDS importer and by the demo builder, so that
``Επίδομα Θέρμανσης`` becomes ``epidoma-thermansis`` wherever it is made.

The ELOT 743 table, as applied by ``elot743``:

===========  ==========  =====================================================
Greek        Latin       Rule
===========  ==========  =====================================================
α β δ ε ζ    a v d e z
η ι          i i
θ            th
κ λ μ ν      k l m n
ξ            x
ο π ρ        o p r
σ ς          s
τ            t
υ            y           alone (``Ψυχή`` → ``Psychi``)
φ            f
χ            ch
ψ            ps
ω            o
γ            g           but ``γγ`` → ng, ``γξ`` → nx, ``γχ`` → nch, ``γκ`` → gk
μπ           b / mp      b at the start of a word, mp inside it
ντ           nt
ου           ou
αυ ευ ηυ     av ev iv    before a vowel or a voiced consonant
                         (β γ δ ζ λ μ ν ρ)
αυ ευ ηυ     af ef if    before a voiceless consonant (θ κ ξ π σ τ φ χ ψ)
                         and at the end of a word
===========  ==========  =====================================================

Accents and the diaeresis are dropped. A diaeresis on the second letter
(``ϊ``, ``ϋ``) or an accent on the first (``άυ``) means the two letters are
said apart, so they are not a digraph: ``Αύγουστος`` → ``Avgoustos``, but
``Μαΐου`` → ``Maiou`` and ``προϋπόθεση`` → ``proypothesi``.

Capitals follow the source: ``Θέμα`` → ``Thema``, ``ΘΕΜΑ`` → ``THEMA``.
Letters of other scripts are passed on unchanged by ``elot743``; ``slugify``
then gives them their closest Latin letters (``anyascii``).
"""

import unicodedata

from anyascii import anyascii
from django.utils.text import slugify as django_slugify

SINGLE = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
}
VOWELS = set("αεηιουω")
VOICED = set("βγδζλμνρ") | VOWELS
VOICELESS = set("θκξπσςτφχψ")
# αυ, ευ, ηυ: the first letter's Latin form.
U_DIPHTHONGS = {"α": "a", "ε": "e", "η": "i"}
# γ before these: γγ → ng, γξ → nx, γχ → nch (the γ is said as n).
NASAL_GAMMA_BEFORE = set("γξχ")

ACCENTS = {"\u0301", "\u0300", "\u0342", "\u0313", "\u0314", "\u0345"}
DIAERESIS = "\u0308"


def _letters(text):
    """The text as ``[base, upper, accented, diaeresis]`` items, one per
    character: ``base`` is the lower-case letter without marks (Greek letters)
    or the character itself (anything else)."""
    items = []
    for char in unicodedata.normalize("NFD", text):
        if items and char in ACCENTS and items[-1][0] in SINGLE:
            items[-1][2] = True
        elif items and char == DIAERESIS and items[-1][0] in SINGLE:
            items[-1][3] = True
        else:
            lower = char.lower()
            items.append([lower, char != lower, False, False])
    return items


def _greek(items, index):
    return 0 <= index < len(items) and items[index][0] in SINGLE


def _chunk(items, index):
    """The Latin for the Greek letter at ``index``: ``(latin, letters used)``."""
    base = items[index][0]
    following = items[index + 1] if index + 1 < len(items) else None
    after = items[index + 2][0] if index + 2 < len(items) else ""
    nxt = following[0] if following else ""
    # A diaeresis on the second letter or an accent on the first keeps two
    # vowels apart (Μαΐου, άυλος).
    joined = following is not None and not following[3] and not items[index][2]
    if base in U_DIPHTHONGS and nxt == "υ" and joined:
        voiced = after in VOICED and _greek(items, index + 2)
        return U_DIPHTHONGS[base] + ("v" if voiced else "f"), 2
    if base == "ο" and nxt == "υ" and joined:
        return "ou", 2
    if base == "γ" and nxt in NASAL_GAMMA_BEFORE:
        return "n" + SINGLE[nxt], 2
    if base == "γ" and nxt == "κ":
        return "gk", 2
    if base == "μ" and nxt == "π" and not _greek(items, index - 1):
        return "b", 2
    return SINGLE[base], 1


def _cased(latin, source, items, index):
    """Capitals follow the source: the whole chunk upper case when the word
    around it is upper case (ΘΕΜΑ → THEMA, ΟΥ → OU), else only its first
    letter (Θέμα → Thema, Ουρανός → Ouranos)."""
    capitals = [item[1] for item in source]
    if not capitals[0]:
        return latin
    neighbours = [
        items[i] for i in (index - 1, index + len(source)) if _greek(items, i)
    ]
    if all(capitals) and (
        len(source) > 1 or (neighbours and all(item[1] for item in neighbours))
    ):
        return latin.upper()
    return latin[:1].upper() + latin[1:]


def elot743(text):
    """``text`` with its Greek letters written in Latin by ELOT 743 (see the
    module's table); every other character is kept as it is.

    >>> elot743("Επίδομα Θέρμανσης")
    'Epidoma Thermansis'
    """
    items = _letters(text)
    out = []
    index = 0
    while index < len(items):
        base = items[index][0]
        if base not in SINGLE:
            out.append(unicodedata.normalize("NFC", _restore(items[index])))
            index += 1
            continue
        latin, used = _chunk(items, index)
        out.append(_cased(latin, items[index : index + used], items, index))
        index += used
    return "".join(out)


def _restore(item):
    return item[0].upper() if item[1] else item[0]


def slugify(text, max_length=80):
    """A Latin slug for a title in any language: Greek by ELOT 743, other
    scripts by their closest Latin letters (``anyascii``), then Django's
    ``slugify`` (lower case, hyphens). At most ``max_length`` characters, cut
    at a hyphen-free end; ``""`` when nothing Latin is left (e.g. ``"!!"``).

    >>> slugify("Επίδομα Θέρμανσης")
    'epidoma-thermansis'
    """
    latin = anyascii(elot743(unicodedata.normalize("NFC", str(text))))
    return django_slugify(latin)[:max_length].strip("-")


def latin_slug(slug, max_length=255):
    """``slug`` unchanged when it is already plain Latin (an editor's own
    choice is kept), else made Latin by ``slugify``: the slug the admin's
    JavaScript leaves Greek becomes the ELOT 743 one on the server."""
    if slug and slug.isascii():
        return slug
    return slugify(slug or "", max_length=max_length)
