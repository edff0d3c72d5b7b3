"""Which store holds the term index: a backend chosen by settings.

Shaped like Django's caches and Wagtail's search backends::

    KENTRO_SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.database"},
    }

With Elasticsearch, ``default`` is a fallback chain: lookups go to the first
backend that answers, writes go to every one (the last, the database, is the
record that ``rebuild_search_index`` and spelling correction read)::

    KENTRO_SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.fallback",
                    "BACKENDS": ["elasticsearch", "database"]},
        "elasticsearch": {"BACKEND": "search.backends.elasticsearch",
                          "URLS": ["http://127.0.0.1:9200"], "INDEX_PREFIX": "kentro_"},
        "database": {"BACKEND": "search.backends.database"},
    }

A module named as ``BACKEND`` provides its class as ``TermIndex``.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DEFAULT_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}


def configured_backends():
    return getattr(settings, "KENTRO_SEARCH_BACKENDS", DEFAULT_BACKENDS)


def get_backend(name="default"):
    """The backend configured under ``name``; ImproperlyConfigured if none."""
    try:
        options = dict(configured_backends()[name])
    except KeyError as error:
        raise ImproperlyConfigured(
            f"KENTRO_SEARCH_BACKENDS has no backend named {name!r}."
        ) from error
    path = options.pop("BACKEND")
    try:
        backend_class = import_string(f"{path}.TermIndex")
    except ImportError as error:
        raise ImproperlyConfigured(f"No search backend module {path!r}.") from error
    return backend_class(**{key.lower(): value for key, value in options.items()})
