from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import (
    Category,
    Closure,
    Language,
    Location,
    Municipality,
    Organisation,
    TargetGroup,
)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "website"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "alternate_name"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    list_display = ["name", "kind", "municipality", "city"]
    list_filter = ["kind", "municipality", "locale"]
    search_fields = ["name", "address", "city"]


class ClosureViewSet(SnippetViewSet):
    model = Closure
    icon = "date"
    list_display = ["reason", "location", "starts_on", "ends_on"]
    list_filter = ["location"]
    search_fields = ["reason"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "parent", "slug", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "globe"
    list_display = ["name", "slug"]
    list_filter = ["locale"]
    search_fields = ["name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "comment"
    list_display = ["name", "autonym", "code"]
    search_fields = ["name", "autonym", "code"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        OrganisationViewSet,
        LocationViewSet,
        ClosureViewSet,
        CategoryViewSet,
        TargetGroupViewSet,
        MunicipalityViewSet,
        LanguageViewSet,
    )


register_snippet(DirectoryViewSetGroup)
