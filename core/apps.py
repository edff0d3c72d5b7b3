from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation every app uses: blocks, page mixins, the site's chrome and
    the centre's details, formats, forms, mail, abuse controls. It imports no app."""

    name = "core"
    verbose_name = _("Site foundation")

    def ready(self):
        # Imported once the registry is ready: these modules read the models.
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import SlugInput

        from core import chrome, pagecache
        from core.forms import LatinSlugField
        from core.staff import middleware, retention

        # One transliteration for every slug the admin makes (core.slugs).
        register_form_field_override(
            models.SlugField,
            override={"form_class": LatinSlugField, "widget": SlugInput},
        )

        chrome.connect_signals()
        # Every stored page shows the chrome: its version and alert windows.
        pagecache.register_version(chrome.VERSION_KEY)
        pagecache.register_horizon(chrome.next_alert_change)
        middleware.connect_signals()
        retention.register()
