"""The directory's reports in the admin, for those who can edit the
directory: the audit (Reports → Directory audit), the findings of
directory.audit; and the services, locations and organisations due for
review (Reports → Due for review), the list of directory.review (#25)."""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_filters import ModelChoiceFilter, TranslatedChoiceFilter
from core.forms import ChoiceByIdField
from core.staff import staff_users, user_label
from core.staff_values import display, reading, related_translatables
from directory import calendar, review
from directory.audit import audit
from directory.models import Location, Organisation, ServicePage


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


class StaffChoiceField(ChoiceByIdField):
    """A staff user by id, named as colleagues know them."""

    def label_from_instance(self, obj):
        return user_label(obj)


class StaffFilter(ModelChoiceFilter):
    field_class = StaffChoiceField


class DueForReviewFilterSet(WagtailFilterSet):
    """The report's filters; ``DueForReviewView`` applies them through
    directory.review.due_records, not to a queryset. An organisation is
    offered once, in the staff member's language, and matches its records
    in each of its translations (its services, itself, its services'
    places)."""

    owner = StaffFilter(
        label=_("staff who check it"), queryset=lambda request: staff_users()
    )
    organisation = TranslatedChoiceFilter(
        label=_("organisation"),
        model=Organisation,
        narrow=lambda organisations: organisations.order_by("name"),
    )

    class Meta:
        model = ServicePage
        fields = []


@dataclass
class DueRow:
    """One record of the report, its values as staff read them
    (core.staff_values): in the table and in the spreadsheet alike."""

    kind: str
    title: str
    edit_url: str
    organisation: str
    last_reviewed: str
    reviewed_by: str
    due_on: str
    days_overdue: object  # whole days (an int), or "—" when never checked
    owners: str
    partner: str


def editor_url(record):
    """Where an editor opens ``record``: a service's page editor, a
    location's or organisation's snippet editor."""
    if isinstance(record, ServicePage):
        return reverse("wagtailadmin_pages:edit", args=[record.pk])
    viewset = record.snippet_viewset
    return reverse(viewset.get_url_name("edit"), args=[quote(record.pk)])


def organisation_of(record):
    """The organisation a record's row names: a service's provider, an
    organisation itself; None for a location (several may work there)."""
    if isinstance(record, ServicePage):
        return record.organisation
    return record if isinstance(record, Organisation) else None


def due_row(record, today):
    """The report's row for ``record`` (from directory.review.due_records)
    on ``today``."""
    never = record.last_reviewed is None
    overdue = review.days_overdue(record, today)
    return DueRow(
        kind=capfirst(record._meta.verbose_name),
        title=record.title if isinstance(record, ServicePage) else display(record),
        edit_url=editor_url(record),
        organisation=display(organisation_of(record)),
        last_reviewed=gettext("Never checked")
        if never
        else display(record.last_reviewed),
        reviewed_by=display(record.get_reviewed_by_display()),
        due_on=gettext("Now") if never else display(review.due_on(record)),
        days_overdue=display(None) if overdue is None else overdue,
        owners=display([user_label(user) for user in record.review_owners.all()]),
        partner=display(review.partner_address(record)),
    )


class DueRows:
    """The report's rows, made only for what is shown: a page of the table,
    or every row for the spreadsheet. ``records``: a list from
    directory.review.due_records; their owners (a query for each kind) and
    the names of the records and organisations in the reader's language
    are read once per slice."""

    def __init__(self, records, today):
        self.records = records
        self.today = today

    def __len__(self):
        return len(self.records)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        chosen = self.records[index]
        by_kind = {}
        for record in chosen:
            by_kind.setdefault(type(record), []).append(record)
        for records in by_kind.values():
            prefetch_related_objects(records, "review_owners")
        named = [
            *related_translatables(chosen),
            *(record for record in chosen if not isinstance(record, ServicePage)),
        ]
        with reading(named):
            return [due_row(record, self.today) for record in chosen]

    def __iter__(self):
        return iter(self[:])


class DueForReviewView(ReportView):
    """The services, locations and organisations due for review today,
    never checked first, then the longest overdue; filtered by owner and
    organisation; with its spreadsheet export."""

    page_title = _("Due for review")
    header_icon = "time"
    index_url_name = "directory_due_for_review"
    index_results_url_name = "directory_due_for_review_results"
    # Whoever edits the directory (Editors and Moderators change places,
    # directory migration 0003), as for the audit.
    permission_required = "change"
    filterset_class = DueForReviewFilterSet
    columns = [
        TitleColumn("title", label=_("Record"), get_url=lambda row: row.edit_url),
        Column("kind", label=_("kind")),
        Column("organisation", label=_("organisation")),
        Column("last_reviewed", label=_("Last checked")),
        Column("reviewed_by", label=_("checked by")),
        Column("due_on", label=_("Due on")),
        Column("days_overdue", label=_("Days overdue")),
        Column("owners", label=_("staff who check it")),
        Column("partner", label=_("partner's e-mail for checks")),
    ]
    list_export = [
        "title",
        "kind",
        "organisation",
        "last_reviewed",
        "reviewed_by",
        "due_on",
        "days_overdue",
        "owners",
        "partner",
    ]
    export_headings = {
        "title": _("Record"),
        "kind": _("kind"),
        "organisation": _("organisation"),
        "last_reviewed": _("Last checked"),
        "reviewed_by": _("checked by"),
        "due_on": _("Due on"),
        "days_overdue": _("Days overdue"),
        "owners": _("staff who check it"),
        "partner": _("partner's e-mail for checks"),
    }
    export_filename = "due-for-review"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Location)

    def get_queryset(self):
        chosen = {}
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
        today = self.today()
        records = review.due_records(
            today, owner=chosen.get("owner"), organisation=chosen.get("organisation")
        )
        return DueRows(records, today)

    def filter_queryset(self, queryset):
        # The filters were applied in get_queryset, by directory.review.
        return queryset

    def today(self):
        """Athens' date, the day the report answers for."""
        return calendar.today()
