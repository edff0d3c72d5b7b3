from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Service pages cache what they show of these; a change retires it.
CACHED_IN_PAGES = (
    "directory.Category",
    "directory.Language",
    "directory.Location",
    "directory.Municipality",
    "directory.Organisation",
    "directory.TargetGroup",
)


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of programmes and services")

    def ready(self):
        # Imported once the registry is ready: the chrome reads the models.
        from core import chrome
        from directory import retention
        from directory.models.services import untranslated_services
        from search import sitesearch

        for model in CACHED_IN_PAGES:
            for signal in (post_save, post_delete):
                signal.connect(
                    chrome.bump, sender=model, dispatch_uid=f"kentro-{model}-{signal}"
                )
        # Site search finds a service not yet translated by its topics too.
        sitesearch.register_untranslated_finder(untranslated_services)
        retention.register()
