from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site's search engine: per-language text analysis, the term index and
    its backends, synonyms, suggestions and searches without results."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported once the registry is ready: the handlers name the models.
        from search import retention, signal_handlers

        signal_handlers.register()
        retention.register()
