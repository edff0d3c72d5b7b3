"""The editors' form for a report of wrong information, apart from the
public form (directory.forms.CorrectionReportForm)."""

from wagtail.admin.forms import WagtailAdminModelForm

from directory import corrections


class CorrectionReportAdminForm(WagtailAdminModelForm):
    """Only the status and the editor's note change; saving goes through
    corrections.resolve, which stamps the time and, for a fix, tells the
    visitor who asked to be told."""

    def save(self, commit=True):
        report = super().save(commit=False)
        if commit:
            corrections.resolve(report, report.status)
        return report
