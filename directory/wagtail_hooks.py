from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.admin_views import AuditReportView
from directory.models import (
    Category,
    Closure,
    ForeignTerm,
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


class ForeignTermViewSet(SnippetViewSet):
    """Terms of other taxonomies from partners' files: the editor maps each
    to our category or target group; the next import applies the mapping."""

    model = ForeignTerm
    icon = "link"
    list_display = ["name", "taxonomy", "category", "target_group"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code", "taxonomy"]
    panels = [
        FieldPanel("taxonomy", read_only=True),
        FieldPanel("code", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("description", read_only=True),
        FieldPanel("category"),
        FieldPanel("target_group"),
    ]


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
        ForeignTermViewSet,
    )


register_snippet(DirectoryViewSetGroup)


def user_edits_the_directory(user):
    return user.has_perm("directory.change_location")


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return user_edits_the_directory(request.user)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path(
            "reports/directory-audit/",
            AuditReportView.as_view(),
            name="directory_audit",
        ),
        path(
            "reports/directory-audit/results/",
            AuditReportView.as_view(results_only=True),
            name="directory_audit_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Directory audit"),
        reverse("directory_audit"),
        name="directory-audit",
        icon_name="warning",
        order=1300,
    )
