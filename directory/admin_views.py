"""The directory audit as a report in the admin (Reports → Directory audit):
the findings of directory.audit, for those who can edit the directory."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from directory.audit import audit
from directory.models import Location


class AuditReportView(ReportView):
    page_title = _("Directory audit")
    header_icon = "warning"
    index_url_name = "directory_audit"
    index_results_url_name = "directory_audit_results"
    # Editors and Moderators change places (directory migration 0003); other
    # staff (caseworkers) do not edit the directory and do not see this.
    permission_required = "change"
    columns = [
        Column("record", label=_("Record")),
        Column("field", label=_("Field")),
        Column("problem", label=_("Problem")),
    ]
    list_export = ["record", "field", "problem"]
    export_headings = {
        "record": _("Record"),
        "field": _("Field"),
        "problem": _("Problem"),
    }
    export_filename = "directory-audit"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Location)

    def get_queryset(self):
        return audit()
