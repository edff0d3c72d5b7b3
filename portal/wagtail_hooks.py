from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import AlertBanner, CentreSettings, SearchSynonym, UnansweredQuery


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


class SearchSynonymViewSet(ModelViewSet):
    model = SearchSynonym
    name = "synonyms"
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["phrase", "alternatives", "both_ways"]
    search_fields = ["phrase", "alternatives"]
    form_fields = ["phrase", "alternatives", "both_ways"]


class UnansweredQueryViewSet(ModelViewSet):
    """What people looked for and did not find, most asked first: the report
    editors read to add content or synonyms."""

    model = UnansweredQuery
    name = "unanswered-searches"
    icon = "warning"
    copy_view_enabled = False
    menu_label = _("Searches without results")
    list_display = ["query", "language", "times", "last_searched_at"]
    list_filter = ["language"]
    list_export = ["query", "language", "times", "last_searched_at"]
    search_fields = ["query"]
    ordering = ["-times", "-last_searched_at"]
    form_fields = ["query"]


class SearchViewSetGroup(ViewSetGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 250
    items = (SearchSynonymViewSet, UnansweredQueryViewSet)


@hooks.register("register_admin_viewset")
def register_search_viewsets():
    return SearchViewSetGroup()
