from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site's search engine: per-language text analysis, the term index and
    its backends, synonyms, suggestions and searches without results."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported once the registry is ready: the handlers name the models.
        from core import pagecache
        from search import engine, retention, signal_handlers

        # Search results and "did you mean" are in cached pages too.
        pagecache.register_version(engine.VERSION_KEY)
        signal_handlers.register()
        retention.register()
