from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Pages show these, and cached pages (core.pagecache) and fragments keep
# what they showed: a change retires them. The rows edited inline with a
# place or an organisation are listed too, for an import writes them alone.
CACHED_IN_PAGES = (
    "directory.Category",
    "directory.Closure",
    "directory.Language",
    "directory.Location",
    "directory.LocationPhone",
    "directory.Municipality",
    "directory.OpeningHours",
    "directory.Organisation",
    "directory.OrganisationPhone",
    "directory.TargetGroup",
)


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of programmes and services")

    def ready(self):
        # Imported once the registry is ready: the chrome reads the models.
        from wagtail.signals import page_published

        from core import chrome
        from directory import retention, translation_sync
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
        page_published.connect(
            translation_sync.carry_after_publish, dispatch_uid="kentro-carry-values"
        )
