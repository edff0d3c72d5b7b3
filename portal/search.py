"""Turn what a visitor typed into a query every search backend accepts."""

import unicodedata

MAX_QUERY_LENGTH = 200


def clean_query(text):
    """Drop control characters and collapse spaces; keep at most 200 characters.

    Visitors paste all sorts of things into a search box; none of it may reach
    the backend as a syntax error.
    """
    kept = "".join(
        char if unicodedata.category(char)[0] not in {"C", "Z"} else " "
        for char in text
    )
    return " ".join(kept.split())[:MAX_QUERY_LENGTH].strip()
