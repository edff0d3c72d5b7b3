"""Reference numbers people can read aloud over the phone: ``KK-7H4K-M2QD``.

Eight symbols drawn with ``secrets`` from an alphabet without look-alikes
(no O or 0, no I, L or 1, no U or V, and no S, Z or B beside 5, 2 and 8):
26**8, about 2.1e11 references, so they cannot be guessed or enumerated.
A unique constraint catches the (vanishingly rare) repeat, and the caller
draws again.
"""

import re
import secrets

PREFIX = "KK"
ALPHABET = "ACDEFGHJKMNPQRTWXY23456789"
LENGTH = 8
# Greek capitals that look like Latin ones: typed on a Greek keyboard, the
# reference read aloud is still found.
GREEK_LOOKALIKES = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX")
PATTERN = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{LENGTH}}}$")


def new_reference():
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def normalise_reference(text):
    """The reference in its printed form, or "" when it cannot be one.

    Accepts lower case, spaces or no dashes, Greek look-alike capitals and a
    missing "KK" prefix.
    """
    compact = "".join(str(text).upper().translate(GREEK_LOOKALIKES).split())
    compact = compact.replace("-", "")
    if len(compact) == LENGTH:
        compact = PREFIX + compact
    if not PATTERN.match(compact):
        return ""
    return f"{PREFIX}-{compact[2:6]}-{compact[6:]}"
