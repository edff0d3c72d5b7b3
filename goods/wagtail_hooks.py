"""The needs list for editors (a snippet list they can filter by urgency
and category), a reminder on the dashboard once it is 14 days old, and the
donation pledges, which only the goods coordinators (and superusers) see:
Wagtail shows a model viewset only to users with the model's permissions."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goods.admin_forms import PledgeAdminForm
from goods.bulk_actions import SetUrgencyBulkAction
from goods.models import NeedItem, Pledge
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
hooks.register("register_bulk_action", SetUrgencyBulkAction)


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


class PledgeFilterSet(WagtailFilterSet):
    bring_on = django_filters.DateFromToRangeFilter(label=_("Day of drop-off"))

    class Meta:
        model = Pledge
        fields = ["category", "status", "bring_on"]


class PledgeViewSet(ModelViewSet):
    model = Pledge
    name = "goods_pledges"
    icon = "gift"
    menu_label = _("Donation pledges")
    menu_order = 260
    add_to_admin_menu = True
    # Pledges must not show up in the "usage" of a place.
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = PledgeFilterSet
    form_fields = ["status", "staff_note"]
    search_fields = ["what", "name", "phone", "email"]
    list_display = [
        "bring_on",
        "category",
        "what",
        "amount",
        "drop_off_location",
        "status",
        "created_at",
    ]
    list_per_page = 50
    inspect_view_fields = [
        "category",
        "what",
        "amount",
        "bring_on",
        "drop_off_location",
        "name",
        "phone",
        "email",
        "language",
        "status",
        "received_at",
        "staff_note",
        "email_error",
        "privacy_notice_version",
        "consented_at",
        "created_at",
        "anonymised_at",
    ]
    list_export = [
        "bring_on",
        "category",
        "what",
        "amount",
        "drop_off_location",
        "status",
        "received_at",
        "created_at",
    ]
    export_filename = "donation-pledges"

    def get_form_class(self, for_update=False):
        return PledgeAdminForm

    def get_queryset(self, request):
        return Pledge.objects.select_related("drop_off_location")


pledge_viewset = PledgeViewSet()


@hooks.register("register_admin_viewset")
def register_pledge_viewset():
    return pledge_viewset
