"""Turn what a visitor typed into a query every search backend accepts."""

import unicodedata

MAX_QUERY_LENGTH = 200
# Characters that backends read as query syntax (phrases, groups, prefixes,
# column filters); a visitor never means them that way.
SYNTAX_CHARACTERS = frozenset('"()*:^{}[]<>\\')


def clean_query(text):
    """Keep letters, digits and simple punctuation; at most 200 characters.

    Visitors paste all sorts of things into a search box; none of it may reach
    the backend as a syntax error.
    """
    kept = "".join(
        " "
        if char in SYNTAX_CHARACTERS or unicodedata.category(char)[0] in {"C", "Z"}
        else char
        for char in text
    )
    return " ".join(kept.split())[:MAX_QUERY_LENGTH].strip()
