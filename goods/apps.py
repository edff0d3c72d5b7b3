from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodsConfig(AppConfig):
    name = "goods"
    verbose_name = _("Basic goods")

    def ready(self):
        # Imported once the registry is ready: both name the models.
        from goods import retention, signals

        signals.connect()
        retention.register()
