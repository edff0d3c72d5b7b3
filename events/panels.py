"""The event editor's warning about holidays and closures."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ClosureWarningPanel(Panel):
    """Lists the coming dates of an event that fall on a holiday or a
    closure (directory.calendar): for a Mobile Unit visit, those cancelled or
    shortened by it; for another event, those its editor may cancel, each
    with a button that does it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/closure_warning_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            saved = page.pk is not None
            context.update(
                is_visit=page.follows_closures,
                conflicts=page.closure_conflicts() if saved else [],
                changed=page.closure_changes() if saved else [],
                cancel_url=(
                    reverse("events_cancel_date", args=(page.pk,)) if saved else ""
                ),
            )
            return context
