from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointment requests")

    def ready(self):
        # Imported once the registry is ready: the rules use the models.
        from appointments import retention

        retention.register()
