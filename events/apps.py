from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Receivers connect when their module is imported, and Django wants
        # that done once the models are loaded: here, not at the top.
        from core import pagecache
        from events import caching, signals  # noqa: F401

        # No cached page outlives a change of the events or the moment an
        # occurrence starts or ends (what is upcoming).
        pagecache.register_version(caching.VERSION_KEY)
        pagecache.register_horizon(caching.next_change)
