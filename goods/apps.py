from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodsConfig(AppConfig):
    name = "goods"
    verbose_name = _("Basic goods")

    def ready(self):
        # Imported once the registry is ready: the signals name the models.
        from goods import signals

        signals.connect()
