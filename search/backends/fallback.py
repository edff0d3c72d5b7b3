"""A chain of backends: lookups from the first that answers, writes to all.

This is how "Elasticsearch is down, ask the database" is said: as a backend,
so that the engine never asks which store it is talking to. A backend that
fails is passed over for ``retry_seconds`` (kept in the shared cache, so every
process of the site stops asking at once) and visitors do not each wait for a
timeout. Writes go to every backend; a failure of any but the last (the
record, normally the database) is logged, and ``rebuild_search_index`` puts
that backend right again.
"""

import itertools
import logging

from django.core.cache import cache

from search.backends import get_backend
from search.backends.base import BackendUnavailable, BaseTermIndex

logger = logging.getLogger(__name__)

DOWN_KEY = "kentro:search-backend-down:{name}"
BATCH_PAGES = 500


class TermIndex(BaseTermIndex):
    """Options: ``backends``, names in ``KENTRO_SEARCH_BACKENDS``, the record
    last; ``retry_seconds`` (default 60)."""

    def __init__(self, backends=(), retry_seconds=60, **options):
        super().__init__(**options)
        if not backends:
            raise ValueError("A fallback chain needs at least one backend.")
        self.names = list(backends)
        self.retry_seconds = retry_seconds

    def _backends(self):
        return [(name, get_backend(name)) for name in self.names]

    def _ask(self, method, *args, needs=None):
        chain = [
            (name, backend)
            for name, backend in self._backends()
            if needs is None or getattr(backend, needs)
        ]
        for position, (name, backend) in enumerate(chain):
            is_last = position == len(chain) - 1
            if not is_last and cache.get(DOWN_KEY.format(name=name)):
                continue
            try:
                return getattr(backend, method)(*args)
            except BackendUnavailable:
                if is_last:
                    raise
                logger.exception("Search backend %s did not answer", name)
                cache.set(DOWN_KEY.format(name=name), True, self.retry_seconds)
        raise BackendUnavailable("No search backend answered.")

    @property
    def has_vocabulary(self):
        return any(backend.has_vocabulary for _name, backend in self._backends())

    def lookup(self, locale_id, terms=(), keys=(), heads=()):
        return self._ask("lookup", locale_id, terms, keys, heads)

    def vocabulary(self, locale_id):
        return self._ask("vocabulary", locale_id, needs="has_vocabulary")

    def _write(self, method, *args):
        backends = self._backends()
        for position, (name, backend) in enumerate(backends):
            if position == len(backends) - 1:
                getattr(backend, method)(*args)
                continue
            try:
                getattr(backend, method)(*args)
            except BackendUnavailable:
                logger.exception("Could not update search backend %s", name)

    def replace_page(self, page_id, locale_id, rows):
        self._write("replace_page", page_id, locale_id, rows)

    def delete_pages(self, page_ids):
        self._write("delete_pages", list(page_ids))

    def add_pages(self, documents):
        # In batches, so that a rebuild of every page never holds them all.
        documents = iter(documents)
        while batch := list(itertools.islice(documents, BATCH_PAGES)):
            self._write("add_pages", batch)

    def reset(self):
        self._write("reset")
