"""The contract every store of the site's term index keeps.

The term index holds, for each live page, rows of ``(term, key, weight)``: a
normalised term (``search.analysis``), its sound key and how much it says about
the page (``search.indexing``). Ranking lives in ``search.engine`` and is the
same whatever the store, so a backend only writes rows and finds them again.

Backends are chosen by ``KENTRO_SEARCH_BACKENDS`` (see ``search.backends``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageRows:
    """The rows of one page: ``rows`` is a list of ``(term, key, weight)``."""

    page_id: int
    locale_id: int
    rows: list


class BackendUnavailable(Exception):
    """The backend could not answer (down, timed out, misconfigured)."""


class BaseTermIndex:
    """A store of the term index.

    Rows handed to and returned by a backend:
    * written: ``PageRows(page_id, locale_id, rows)`` with ``rows`` a list of
      ``(term, key, weight)``;
    * found: ``(page_id, term, key, weight)`` tuples.
    """

    #: Whether ``vocabulary`` can be asked of this backend.
    has_vocabulary = False

    def __init__(self, **options):
        self.options = options

    def lookup(self, locale_id, terms=(), keys=(), heads=()):
        """Rows of a locale holding any of these terms, keys or four-letter heads."""
        raise NotImplementedError

    def vocabulary(self, locale_id):
        """Every distinct key of a locale (for spelling correction)."""
        raise NotImplementedError

    def replace_page(self, page_id, locale_id, rows):
        """Make ``rows`` the page's only rows (none: the page is not indexed)."""
        raise NotImplementedError

    def delete_pages(self, page_ids):
        raise NotImplementedError

    def add_pages(self, documents):
        """Add rows for pages that have none: an iterable of ``PageRows``."""
        raise NotImplementedError

    def reset(self):
        """Empty the index (before a rebuild of every page)."""
        raise NotImplementedError
