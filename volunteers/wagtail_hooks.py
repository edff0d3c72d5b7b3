"""The coordinators' side: the volunteers list, its filters and export, and a
dashboard panel. Only users with the volunteer permissions (the "Volunteer
coordinators" group and superusers) see any of it."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_filters import (
    EmailFailedFilter,
    ModelChoiceFilter,
    TranslatedChoiceFilter,
)
from core.exports import StaffIndexView, StaffInspectView
from core.staff_values import display
from directory.forms import LanguageChoiceField
from directory.models import Language, Municipality
from volunteers.admin_forms import VolunteerAdminForm
from volunteers.models import (
    Skill,
    Volunteer,
    VolunteerOpportunityPage,
    availability_choices,
)
from volunteers.signup import new_this_week


def json_list_contains(queryset, name, value):
    # The JSON text of the list contains the quoted code ("tutoring"); works
    # the same on SQLite and PostgreSQL.
    if not value:
        return queryset
    return queryset.filter(**{f"{name}__icontains": f'"{value}"'})


class LanguageFilter(ModelChoiceFilter):
    """Languages named and sorted for the coordinator's language."""

    field_class = LanguageChoiceField


class VolunteerFilterSet(WagtailFilterSet):
    skill = django_filters.ChoiceFilter(
        label=_("Skill"),
        field_name="skills",
        choices=Skill.choices,
        method=json_list_contains,
    )
    available = django_filters.ChoiceFilter(
        label=_("Available"),
        field_name="availability",
        choices=availability_choices,
        method=json_list_contains,
    )
    language = LanguageFilter(
        label=_("Language"),
        field_name="languages",
        queryset=Language.objects.all(),
    )
    opportunity = TranslatedChoiceFilter(
        label=_("Opportunity"),
        field_name="interests",
        model=VolunteerOpportunityPage,
        narrow=lambda pages: pages.order_by("path"),
    )
    municipality = TranslatedChoiceFilter(
        label=_("Municipality"),
        field_name="municipality",
        model=Municipality,
    )

    email_failed = EmailFailedFilter()

    class Meta:
        model = Volunteer
        fields = ["status"]


class VolunteerIndexView(StaffIndexView):
    def get_base_queryset(self):
        # What the list and the export show of each volunteer, read with the
        # rows rather than a query per row.
        return (
            super()
            .get_base_queryset()
            .select_related("municipality")
            .prefetch_related("languages", "interests")
        )

    def get_edit_url(self, instance):
        # A name opens the full record (phone, skills, languages,
        # availability); its "Edit" button changes status and notes.
        return None


class VolunteerViewSet(ModelViewSet):
    model = Volunteer
    name = "volunteers"
    # Volunteers must not show up in the "usage" of an opportunity page, where
    # editors would see who signed up.
    add_to_reference_index = False
    icon = "group"
    menu_label = _("Volunteers")
    menu_order = 260
    add_to_admin_menu = True
    filterset_class = VolunteerFilterSet
    index_view_class = VolunteerIndexView
    inspect_view_class = StaffInspectView
    search_fields = ["name", "email"]
    list_display = [
        "name",
        "email",
        "status",
        # One municipality reads one way, whichever language the person used.
        Column(
            "municipality",
            label=_("municipality"),
            accessor=lambda volunteer: display(volunteer.municipality),
            sort_key="municipality__name",
        ),
        "created_at",
    ]
    list_per_page = 50
    # Coordinators change the status and keep notes; the rest is the
    # volunteer's own answer, shown on the inspect page.
    form_fields = ["status", "notes"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "status",
        "name",
        "email",
        "phone",
        "municipality",
        "skills_text",
        "languages_text",
        "availability_text",
        "interests_text",
        "message",
        "is_adult",
        "privacy_notice_version",
        "consented_at",
        "may_contact_about_future",
        "language",
        "notes",
        "email_error",
        "created_at",
        "confirmed_at",
    ]
    list_export = [
        "name",
        "email",
        "phone",
        "status",
        "municipality",
        "skills_text",
        "languages_text",
        "availability_text",
        "interests_text",
        "may_contact_about_future",
        "created_at",
        "confirmed_at",
        "notes",
    ]
    export_headings = {
        "skills_text": _("Skills"),
        "languages_text": _("Languages"),
        "availability_text": _("Availability"),
        "interests_text": _("Interested in"),
    }
    export_filename = "volunteers"

    def get_form_class(self, for_update=False):
        return VolunteerAdminForm


volunteer_viewset = VolunteerViewSet()


@hooks.register("register_admin_viewset")
def register_volunteer_viewset():
    return volunteer_viewset


class NewVolunteersPanel(Component):
    name = "new_volunteers"
    order = 50
    template_name = "volunteers/admin/new_volunteers_panel.html"

    def get_context_data(self, parent_context):
        volunteers = new_this_week().order_by("-confirmed_at")
        return {
            "count": volunteers.count(),
            "volunteers": volunteers[:5],
        }


def can_see_volunteers(user):
    return ModelPermissionPolicy(Volunteer).user_has_any_permission(
        user, ["view", "change"]
    )


@hooks.register("construct_homepage_panels")
def add_new_volunteers_panel(request, panels):
    if can_see_volunteers(request.user):
        panels.append(NewVolunteersPanel())
