from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Receivers connect when their module is imported, and Django wants
        # that done once the models are loaded: here, not at the top.
        from events import signals  # noqa: F401
