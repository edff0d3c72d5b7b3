import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Case, IntegerField, Value, When
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory import calendar, review
from directory.admin_forms import CorrectionReportAdminForm
from directory.admin_views import AuditReportView, DueForReviewView
from directory.models import (
    Category,
    Closure,
    CorrectionReport,
    ForeignTerm,
    Language,
    Location,
    Municipality,
    Organisation,
    ReviewRequest,
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
    """A report's menu item, shown to those who edit the directory."""

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
        path(
            "reports/due-for-review/",
            DueForReviewView.as_view(),
            name="directory_due_for_review",
        ),
        path(
            "reports/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="directory_due_for_review_results",
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


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return AuditMenuItem(
        _("Due for review"),
        reverse("directory_due_for_review"),
        name="directory-due-for-review",
        icon_name="time",
        order=1310,
    )


class ReviewPanel(Component):
    """The dashboard's figures of the review cycle (#25): the share of
    services checked in the last six months and how many are due, linking
    to the report."""

    name = "directory_review"
    order = 45
    template_name = "directory/admin/review_panel.html"

    def get_context_data(self, parent_context):
        today = calendar.today()
        return {
            "share": review.share_checked(today),
            "due_count": review.count_due(today),
            "report_url": reverse("directory_due_for_review"),
        }


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if user_edits_the_directory(request.user):
        panels.append(ReviewPanel())


# Reports of wrong information (issue #25): the editors' queue. Wagtail shows
# a model viewset only to users with the model's permissions, which
# directory.0016 gives Editors and Moderators.


def record_links(report):
    """{"edit_url", "public_url"}: where an editor corrects the record the
    report is about (its page or snippet editor; None once it is deleted)
    and the public page the visitor reported from."""
    edit_url = None
    if report.service_id:
        edit_url = reverse("wagtailadmin_pages:edit", args=[report.service_id])
    elif report.location_id:
        edit_url = reverse(
            Location.snippet_viewset.get_url_name("edit"),
            args=[quote(report.location_id)],
        )
    elif report.organisation_id:
        edit_url = reverse(
            Organisation.snippet_viewset.get_url_name("edit"),
            args=[quote(report.organisation_id)],
        )
    return {"edit_url": edit_url, "public_url": report.page_url}


class RecordLinksColumn(BaseColumn):
    cell_template_name = "directory/admin/correction_record_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["links"] = record_links(instance)
        return context


class RecordLinksPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/correction_record_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["links"] = record_links(self.instance)
            return context


class CorrectionReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=CorrectionReport.Status.choices
    )
    kind = django_filters.ChoiceFilter(
        label=_("what is wrong"), choices=CorrectionReport.Kind.choices
    )

    class Meta:
        model = CorrectionReport
        fields = ["status", "kind"]


class CorrectionReportIndexView(generic.IndexView):
    """New reports first, then the fixed and dismissed, the latest first
    in each. A column heading the editor clicks orders by that column
    instead."""

    def order_queryset(self, queryset):
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        is_new = Case(
            When(status=CorrectionReport.Status.NEW, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return queryset.annotate(is_new=is_new).order_by("is_new", "-created_at")


class CorrectionReportViewSet(ModelViewSet):
    model = CorrectionReport
    name = "directory_corrections"
    icon = "warning"
    menu_label = _("Reports of wrong information")
    menu_order = 251
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = CorrectionReportIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = CorrectionReportFilterSet
    list_display = [
        "__str__",
        RecordLinksColumn("record", label=_("Record")),
        "status",
        "created_at",
        "resolved_at",
    ]
    list_per_page = 50
    search_fields = ["record_name", "details"]
    edit_handler = ObjectList(
        [
            FieldPanel("record_name", read_only=True),
            RecordLinksPanel(heading=_("Record")),
            FieldPanel("kind", read_only=True),
            FieldPanel("details", read_only=True),
            FieldPanel("language", read_only=True),
            FieldPanel("status"),
            FieldPanel("staff_note"),
        ],
        base_form_class=CorrectionReportAdminForm,
    )
    inspect_view_fields = [
        "record_name",
        "page_url",
        "kind",
        "details",
        "language",
        "status",
        "staff_note",
        "created_at",
        "resolved_at",
        "notified_at",
        "email_error",
    ]

    def get_queryset(self, request):
        return CorrectionReport.objects.all()


correction_report_viewset = CorrectionReportViewSet()


@hooks.register("register_admin_viewset")
def register_correction_report_viewset():
    return correction_report_viewset


# Partners' checks of their services (issue #25, part 2): read only, for the
# Editors and Moderators (directory.0018 gives them the view permission);
# the rules make and answer the requests, nobody edits them.


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


REVIEW_STATES = [
    ("open", _("Waiting for the partner")),
    ("answered", _("Answered")),
    ("flagged", _("No answer: with the staff")),
]


def review_state(review):
    """The key of ``REVIEW_STATES`` that ``review`` is in."""
    if review.answered_at is not None:
        return "answered"
    return "flagged" if review.flagged_at is not None else "open"


class ReviewRequestFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("status"), choices=REVIEW_STATES, method="filter_state"
    )
    outcome = django_filters.ChoiceFilter(
        label=_("outcome"), choices=ReviewRequest.Outcome.choices
    )

    class Meta:
        model = ReviewRequest
        fields = ["state", "outcome"]

    def filter_state(self, queryset, name, value):
        answered = queryset.filter(answered_at__isnull=False)
        unanswered = queryset.filter(answered_at__isnull=True)
        return {
            "answered": answered,
            "flagged": unanswered.filter(flagged_at__isnull=False),
            "open": unanswered.filter(flagged_at__isnull=True),
        }.get(value, queryset)


def review_state_label(review):
    return dict(REVIEW_STATES)[review_state(review)]


class ReviewLinksColumn(BaseColumn):
    """The service's editor and, for changes, the compare view."""

    cell_template_name = "directory/admin/review_links_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["edit_url"] = reverse(
            "wagtailadmin_pages:edit", args=[instance.service_id]
        )
        context["diff_url"] = instance.diff_path()
        return context


class ReviewRequestViewSet(ModelViewSet):
    model = ReviewRequest
    name = "directory_partner_checks"
    icon = "tasks"
    menu_label = _("Partner checks")
    menu_order = 252
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = ReviewRequestFilterSet
    list_display = [
        "service",
        Column("state", label=_("status"), accessor=review_state_label),
        "outcome",
        "requested_on",
        "sent_count",
        "answered_at",
        ReviewLinksColumn("links", label=_("Record")),
    ]
    list_per_page = 50
    search_fields = ["service__title", "email"]
    inspect_view_fields = [
        "service",
        "email",
        "requested_on",
        "sent_count",
        "last_sent_at",
        "answered_at",
        "outcome",
        "partner_note",
        "flagged_at",
        "email_error",
    ]

    # Never shown: the policy refuses adding and editing to everyone.
    form_fields = ["outcome"]

    def get_queryset(self, request):
        return ReviewRequest.objects.select_related("service")


register_permission_policy(ReviewRequest, ReadOnlyPermissionPolicy(ReviewRequest))
review_request_viewset = ReviewRequestViewSet()


@hooks.register("register_admin_viewset")
def register_review_request_viewset():
    return review_request_viewset
