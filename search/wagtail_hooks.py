from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import StaffIndexView
from search.models import SearchSynonym, UnansweredQuery


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
    index_view_class = StaffIndexView
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
