from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import AlertBanner, CentreSettings


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "kind", "starts_at", "ends_at", "is_enabled"]
    list_filter = ["kind", "is_enabled"]
    search_fields = ["title", "message"]


register_snippet(AlertBannerViewSet)
register_setting(CentreSettings, icon="home")
