"""Lists as each language writes them: Greek and English put a comma between
the items, Arabic the Arabic comma "،" (U+060C). A list a person reads is
joined here (``join``, or the ``join_list`` filter and ``list_separator`` tag
in templates), never with a literal ", "."""

from django.utils.translation import pgettext


def separator():
    """ ", " or "، ": what goes between two items of a list in the active
    language (the catalogues say which)."""
    return pgettext("between the items of a list", ", ")


def join(items):
    """The items (each as str) as one list in the active language."""
    return separator().join(str(item) for item in items)
