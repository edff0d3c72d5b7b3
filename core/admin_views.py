"""The broken outside links as a report in the admin (Reports → Broken
outside links): what the weekly check (core.links) found, for those who edit
pages, each with the records that show the link and where to edit them."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from core import staff_values
from core.exports import StaffExportMixin
from core.models import ExternalLink


class UsesColumn(Column):
    """The records showing the link, each linked to its edit view."""

    cell_template_name = "core/admin/link_uses_cell.html"


class BrokenLinksReportView(StaffExportMixin, ReportView):
    """The links the last check found broken, longest broken first; exported
    as every staff list is (core.exports)."""

    page_title = _("Broken outside links")
    header_icon = "link-external"
    index_url_name = "broken_links"
    index_results_url_name = "broken_links_results"
    # Whoever may edit some page (Editors, Moderators) fixes links; other
    # staff (caseworkers, coordinators) do not see this.
    permission_required = "change"
    columns = [
        TitleColumn(
            "url",
            label=_("Web address"),
            get_url=lambda link: link.url,
            link_attrs={"target": "_blank", "rel": "noopener noreferrer"},
        ),
        Column("result", label=_("Answer")),
        UsesColumn("uses", label=_("Used by")),
        # On the Centre's clock, as staff read every time (core.staff_values).
        Column(
            "first_broken_at",
            label=_("Broken since"),
            accessor=lambda link: staff_values.moment_text(link.first_broken_at),
        ),
        Column(
            "last_checked_at",
            label=_("Last checked"),
            accessor=lambda link: staff_values.moment_text(link.last_checked_at),
        ),
    ]
    list_export = ["url", "result", "records", "first_broken_at", "last_checked_at"]
    export_headings = {
        "url": _("Web address"),
        "result": _("Answer"),
        "records": _("Used by"),
        "first_broken_at": _("Broken since"),
        "last_checked_at": _("Last checked"),
    }
    export_filename = "broken-links"

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        return ExternalLink.objects.broken().order_by("first_broken_at", "url")
