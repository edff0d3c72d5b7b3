from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from eligibility.models import EligibilityRule, MonthlyTally


class EligibilityRuleViewSet(SnippetViewSet):
    model = EligibilityRule
    icon = "tasks"
    menu_label = _("Rules")
    list_display = ["title", "service", "active", "sort_order", "source_checked_on"]
    list_filter = ["active"]
    search_fields = ["title"]


class MonthlyTallyViewSet(ModelViewSet):
    """The anonymous monthly figures: checks made, and how often each
    programme came out likely or possible. Read and exported, not edited."""

    model = MonthlyTally
    name = "eligibility-figures"
    icon = "table"
    menu_label = _("Monthly figures")
    list_display = ["month", "programme", "outcome", "count"]
    list_filter = ["month", "outcome", "rule"]
    list_export = ["month", "programme", "outcome", "count"]
    ordering = ["-month", "rule__sort_order", "outcome"]
    form_fields = ["month", "rule", "outcome", "count"]
    copy_view_enabled = False
    inspect_view_enabled = False


class EligibilityViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Eligibility check")
    menu_icon = "tasks"
    menu_order = 230
    items = (EligibilityRuleViewSet, MonthlyTallyViewSet)


@hooks.register("register_admin_viewset")
def register_eligibility_viewsets():
    return EligibilityViewSetGroup()
