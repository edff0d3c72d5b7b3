"""The needs list for editors (a snippet list they can filter by urgency
and category) and a reminder on the dashboard once it is 14 days old."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goods.models import NeedItem
from goods.models.needs import STALE_AFTER, last_change


class NeedItemViewSet(SnippetViewSet):
    model = NeedItem
    icon = "list-ul"
    menu_label = _("Needs list")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "category", "urgency", "quantity_needed", "updated_at"]
    list_filter = ["urgency", "category"]
    list_per_page = 100
    search_fields = ["name"]
    ordering = ["category", "name"]


register_snippet(NeedItemViewSet)


def can_edit_needs(user):
    return ModelPermissionPolicy(NeedItem).user_has_permission(user, "change")


class StaleNeedsPanel(Component):
    """Shown only while the list is older than STALE_AFTER."""

    name = "stale_needs"
    order = 30
    template_name = "goods/admin/stale_needs_panel.html"

    def __init__(self, updated_at):
        self.updated_at = updated_at

    def get_context_data(self, parent_context):
        return {
            "updated_at": self.updated_at,
            "days": (timezone.now() - self.updated_at).days,
            "index_url": reverse(NeedItem.snippet_viewset.get_url_name("list")),
        }


@hooks.register("construct_homepage_panels")
def add_stale_needs_panel(request, panels):
    if not can_edit_needs(request.user):
        return
    updated_at = last_change()
    if updated_at is not None and timezone.now() - updated_at > STALE_AFTER:
        panels.append(StaleNeedsPanel(updated_at))
