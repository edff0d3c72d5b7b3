"""Editing speed for the needs list (issue 24): tick the items in the
admin's listing and set their urgency in one step, as Wagtail's own bulk
actions work (wagtail.snippets.bulk_actions; registered in
goods.wagtail_hooks)."""

from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from goods.admin_forms import UrgencyForm
from goods.models.needs import NeedItem, Urgency, set_urgency


class SetUrgencyBulkAction(SnippetBulkAction):
    display_name = _("Set urgency")
    action_type = "set_urgency"
    aria_label = _("Set the urgency of the selected items")
    template_name = "goods/admin/confirm_bulk_set_urgency.html"
    action_priority = 20
    form_class = UrgencyForm

    @classproperty
    def models(cls):
        return [NeedItem]

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", item
        )

    def get_execution_context(self):
        return {
            "urgency": self.cleaned_form.cleaned_data["urgency"],
            "user": self.request.user,
        }

    @classmethod
    def execute_action(cls, objects, urgency=None, user=None, **kwargs):
        changed = set_urgency(objects, urgency)
        # The items' history shows who changed them, as after an edit.
        for item in changed:
            log(instance=item, action="wagtail.edit", user=user)
        return len(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        label = dict(Urgency.choices)[self.cleaned_form.cleaned_data["urgency"]]
        return ngettext(
            "%(count)d item is now marked “%(urgency)s”.",
            "%(count)d items are now marked “%(urgency)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "urgency": label}
