from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = _("Eligibility check")

    def ready(self):
        # Imported once the registry is ready: the rulebook reads the models.
        from core import pagecache
        from eligibility import rulebook

        pagecache.register_version(rulebook.VERSION_KEY)
        rulebook.connect_signals()
