"""The caseworkers' side: the inbox of requests ("Αιτήματα ραντεβού"), its
filters, the detail page with its actions, the report and a dashboard panel.
Only users with the appointment permissions (the "Caseworkers" group and
superusers) see any of it."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from appointments import admin_views, workflow
from appointments.forms import RequestDetailsForm
from appointments.models import AppointmentRequest
from core.admin_filters import EmailFailedFilter, TranslatedChoiceFilter
from directory.models import Location, ServicePage


def can_see_requests(user):
    return ModelPermissionPolicy(AppointmentRequest).user_has_any_permission(
        user, ["view", "change"]
    )


class AppointmentRequestFilterSet(WagtailFilterSet):
    service = TranslatedChoiceFilter(
        label=_("Service"),
        field_name="service",
        model=ServicePage,
        narrow=lambda pages: pages.order_by("title"),
    )
    location = TranslatedChoiceFilter(
        label=_("Place"),
        field_name="location",
        model=Location,
        narrow=lambda places: places.exclude(kind=Location.Kind.VIRTUAL),
    )
    assigned_to_me = django_filters.BooleanFilter(
        label=_("Assigned to me"), method="filter_assigned_to_me"
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue (new after 2 working days)"), method="filter_overdue"
    )
    email_failed = EmailFailedFilter()

    class Meta:
        model = AppointmentRequest
        fields = ["status", "source"]

    def filter_assigned_to_me(self, queryset, name, value):
        if value is None:
            return queryset
        me = self.request.user if self.request else None
        if value:
            return queryset.filter(assignee=me)
        return queryset.exclude(assignee=me)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = workflow.overdue(queryset)
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class AppointmentRequestViewSet(ModelViewSet):
    model = AppointmentRequest
    name = "appointments"
    icon = "calendar"
    menu_label = _("Appointment requests")
    menu_order = 250
    add_to_admin_menu = True
    # Requests must not show up in the "usage" of a service page or a place,
    # where editors would see who asked for an appointment.
    add_to_reference_index = False
    index_view_class = admin_views.RequestIndexView
    inspect_view_class = admin_views.RequestInspectView
    edit_view_class = admin_views.RequestEditView
    add_view_class = admin_views.RegisterRequestView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = AppointmentRequestFilterSet
    search_fields = ["reference", "name", "phone", "email"]
    list_display = [
        "reference",
        Column(
            "overdue",
            label=_("Overdue"),
            accessor=lambda request: (
                gettext("Overdue")
                if getattr(request, "urgency", None) == workflow.OVERDUE
                else ""
            ),
        ),
        "name",
        "service",
        "where_text",
        "language_text",
        "status",
        "assignee",
        "created_at",
    ]
    list_per_page = 50
    inspect_view_fields = [
        "reference",
        "status",
        "source",
        "service",
        "where_text",
        "preferred_days_text",
        "preferred_times_text",
        "name",
        "phone",
        "email",
        "preferred_contact",
        "language",
        "needs_interpreter",
        "accessibility_needs",
        "message",
        "target_groups_text",
        "assignee",
        "scheduled_at",
        "email_error",
        "privacy_notice_version",
        "consented_at",
        "site_language",
        "created_at",
        "closed_at",
        "anonymised_at",
    ]
    list_export = [
        "reference",
        "created_at",
        "status",
        "source",
        "service",
        "where_text",
        "language_text",
        "target_groups_text",
        "assignee",
        "scheduled_at",
        "closed_at",
    ]
    export_headings = {
        "where_text": _("Where"),
        "target_groups_text": _("Target groups"),
    }
    export_filename = "appointment-requests"

    def get_form_class(self, for_update=False):
        return RequestDetailsForm

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    @property
    def report_view(self):
        return self.construct_view(admin_views.ReportView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("report/", self.report_view, name="report"),
        ]


appointment_viewset = AppointmentRequestViewSet()


@hooks.register("register_admin_viewset")
def register_appointment_viewset():
    return appointment_viewset


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Appointment figures"),
        reverse("appointments:report"),
        icon_name="table",
        order=251,
    )


class AppointmentRequestsPanel(Component):
    name = "appointment_requests"
    order = 40
    template_name = "appointments/admin/requests_panel.html"

    def get_context_data(self, parent_context):
        new = AppointmentRequest.objects.filter(status=AppointmentRequest.Status.NEW)
        return {
            "new_count": new.count(),
            "overdue_count": workflow.overdue(new).count(),
            "index_url": reverse("appointments:index"),
        }


@hooks.register("construct_homepage_panels")
def add_appointment_requests_panel(request, panels):
    if can_see_requests(request.user):
        panels.append(AppointmentRequestsPanel())
