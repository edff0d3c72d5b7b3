from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of programmes and services")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from directory import models
        from portal import chrome

        # Service pages cache what they show of these; a change retires it.
        for model in (
            models.Category,
            models.Language,
            models.Location,
            models.Municipality,
            models.Organisation,
            models.TargetGroup,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    chrome.bump, sender=model, dispatch_uid=f"kentro-{model.__name__}"
                )
