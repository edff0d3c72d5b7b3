from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteering")

    def ready(self):
        # Imported once the registry is ready: the rules use the models.
        from volunteers import retention

        retention.register()
