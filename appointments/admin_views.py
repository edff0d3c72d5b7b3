"""The caseworkers' views in the Wagtail admin: the inbox, the detail page
with its actions and history, registering a request taken by phone or at
the desk, and the report for funders."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import label_for_field
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from appointments import reporting, scheduling, submission, workflow
from appointments.forms import (
    AssignForm,
    NoteForm,
    ReportFilterForm,
    ScheduleForm,
    StaffRequestForm,
    StatusForm,
)
from appointments.models import AppointmentPage, AppointmentRequest, HistoryEntry
from appointments.references import normalise_reference
from core import exports
from core.exports import StaffIndexView, StaffInspectView
from core.forms import normalise_email
from core.staff_values import field_display
from directory import calendar, corrections, review

# The actions on the detail page: name -> form class.
ACTIONS = {
    "assign": AssignForm,
    "status": StatusForm,
    "schedule": ScheduleForm,
    "note": NoteForm,
}


# What a caseworker needs first on the request page, above the actions: who,
# what, where, when they asked and when they come (issue #16). The other
# fields are the details, in the side column.
KEY_FACTS = (
    "status",
    "name",
    "phone",
    "email",
    "preferred_contact",
    "service",
    "where_text",
    "preferred_days_text",
    "preferred_times_text",
    "language_text",
    "created_at",
    "source",
    "scheduled_at",
    "assignee",
)


def key_facts(request_obj):
    """[(label, text)] of KEY_FACTS for ``request_obj``, as staff read them
    (core.staff_values: Athens time, labels, "—" for nothing); the labels are
    the fields' own (translated, capitalised), as in the details."""
    return [
        (
            capfirst(label_for_field(name, model=AppointmentRequest)),
            field_display(request_obj, name),
        )
        for name in KEY_FACTS
    ]


class RequestIndexView(StaffIndexView):
    """The inbox, most urgent first: overdue, then new, then open, then
    closed, the oldest first within each (workflow.with_urgency); a column
    heading the caseworker clicks orders by that column instead."""

    def get_base_queryset(self):
        # What the list and the export show of each request, read with the
        # rows rather than a query per row.
        return (
            super()
            .get_base_queryset()
            .select_related("service", "location", "assignee")
            .prefetch_related("target_groups")
        )

    def get_edit_url(self, instance):
        # The title links to the detail page, where caseworkers work.
        return None

    def order_queryset(self, queryset):
        queryset = workflow.with_urgency(queryset)
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        return queryset.order_by("urgency", "created_at", "pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(name__icontains=query) | Q(email__icontains=query)
        if "@" in query:
            # The address as stored (core.forms.normalise_email), however typed.
            condition |= Q(email=normalise_email(query))
        reference = normalise_reference(query)
        condition |= Q(reference=reference) if reference else Q()
        condition |= Q(reference__icontains=query)
        digits = "".join(character for character in query if character.isdigit())
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits)
        return queryset.filter(condition)


class RequestInspectView(StaffInspectView):
    """The request in full, its history, and what a caseworker can do next."""

    template_name = "appointments/admin/inspect.html"
    page_title = gettext_lazy("Appointment request")

    def get_fields(self):
        # The key facts are at the top already; the details list the rest.
        return [name for name in super().get_fields() if name not in KEY_FACTS]

    def can_change(self):
        return self.user_has_permission("change")

    def action_forms(self, bound=None):
        """{name: form}, with ``bound`` = (name, form) replacing that one."""
        request_obj = self.object
        forms = {
            "assign": AssignForm(
                initial={"assignee": request_obj.assignee_id}, prefix="assign"
            ),
            "status": StatusForm(request_obj=request_obj, prefix="status"),
            "schedule": ScheduleForm(
                initial={
                    "scheduled_at": timezone.localtime(
                        request_obj.scheduled_at
                    ).strftime("%Y-%m-%dT%H:%M")
                    if request_obj.scheduled_at
                    else None
                },
                prefix="schedule",
            ),
            "note": NoteForm(prefix="note"),
        }
        if bound is not None:
            forms[bound[0]] = bound[1]
        return forms

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        request_obj = self.object
        context["history"] = request_obj.history.select_related("user")
        context["key_facts"] = key_facts(request_obj)
        context["is_overdue"] = workflow.is_overdue(request_obj)
        context["can_change"] = self.can_change() and not request_obj.anonymised_at
        if context["can_change"]:
            context["action_forms"] = self.action_forms(bound)
            context["can_schedule"] = request_obj.status in workflow.SCHEDULABLE
            context["next_statuses"] = workflow.next_statuses(request_obj)
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_change() or self.object.anonymised_at:
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in ACTIONS:
            messages.error(request, _("Choose what to do."))
            return redirect(request.path)
        extra = {"request_obj": self.object} if action == "status" else {}
        form = ACTIONS[action](request.POST, prefix=action, **extra)
        if not form.is_valid():
            messages.error(request, _("The change could not be saved; see below."))
            context = self.get_context_data(bound=(action, form))
            return self.render_to_response(context)
        if action == "schedule" and not form.cleaned_data.get("confirmed"):
            found = scheduling.warnings(self.object, form.cleaned_data["scheduled_at"])
            if found:
                # Nothing is saved until the caseworker confirms this time.
                context = self.get_context_data(bound=(action, form))
                context["schedule_warnings"] = found
                context["schedule_value"] = request.POST.get("schedule-scheduled_at")
                return self.render_to_response(context)
        try:
            self.apply(action, form.cleaned_data)
        except workflow.TransitionNotAllowed:
            messages.error(
                request, _("That change is not possible from the current status.")
            )
            return redirect(request.path)
        messages.success(request, _("Saved."))
        return redirect(request.path)

    def apply(self, action, data):
        user = self.request.user
        if action == "assign":
            workflow.assign(self.object, data["assignee"], user)
        elif action == "status":
            workflow.change_status(self.object, data["status"], user)
        elif action == "schedule":
            workflow.schedule(self.object, data["scheduled_at"], user)
        elif action == "note":
            workflow.add_note(self.object, data["note"], user)


class RequestEditView(generic.EditView):
    """Correct the person's details or record target groups; the history
    says which fields changed (not their values, which may be personal).
    An anonymised request cannot be edited: its details are gone for good."""

    def get(self, request, *args, **kwargs):
        if self.get_object().anonymised_at:
            return self.refuse_anonymised()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_object().anonymised_at:
            return self.refuse_anonymised()
        return super().post(request, *args, **kwargs)

    def refuse_anonymised(self):
        messages.error(
            self.request,
            _(
                "This request was anonymised: personal details cannot be "
                "added to it again. Register a new request instead."
            ),
        )
        return redirect("appointments:inspect", self.kwargs["pk"])

    def save_instance(self):
        instance = super().save_instance()
        if self.form.changed_data:
            fields = self.form.fields
            labels = [str(fields[name].label) for name in self.form.changed_data]
            workflow.record(
                instance,
                HistoryEntry.Action.EDITED,
                self.request.user,
                note=", ".join(labels),
            )
        return instance


def default_appointment_page():
    return (
        AppointmentPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )


class RegisterRequestView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """A request taken by phone or at the desk."""

    model = AppointmentRequest
    permission_required = "add"
    template_name = "appointments/admin/register.html"
    page_title = gettext_lazy("Register a request")
    header_icon = "calendar"
    index_url_name = None
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.page = default_appointment_page()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": AppointmentRequest._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, form_class=None):
        if self.page is None:
            return None
        return StaffRequestForm(page=self.page, **self.get_form_kwargs())

    def form_valid(self, form):
        language = form.cleaned_data.get("language")
        codes = {code for code, _name in settings.LANGUAGES}
        site_language = (
            language.code
            if language is not None and language.code in codes
            else settings.LANGUAGE_CODE
        )
        created = submission.create_request(
            form.answers(),
            language=site_language,
            page_url=self.page.full_url or "",
            source=form.cleaned_data["source"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            _("Request %(reference)s registered.") % {"reference": created.reference},
        )
        return redirect(self.inspect_url_name, created.pk)

    def post(self, request, *args, **kwargs):
        if self.page is None:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class ReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Requests per month by service, place, target group or status; a table,
    a bar chart whose text alternative is the table, and CSV."""

    model = AppointmentRequest
    any_permission_required = ["view", "change"]
    template_name = "appointments/admin/report.html"
    page_title = gettext_lazy("Appointment requests: figures")
    header_icon = "table"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": AppointmentRequest._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_filter_form(self):
        return ReportFilterForm(self.request.GET or None)

    def get_report(self, form):
        first, last = reporting.default_period()
        dimension = "service"
        if form.is_bound and form.is_valid():
            dimension = form.cleaned_data["dimension"] or dimension
            first = form.cleaned_data["first"] or first
            last = form.cleaned_data["last"] or last
        return reporting.monthly_report(dimension, first, last)

    def get(self, request, *args, **kwargs):
        form = self.get_filter_form()
        report = self.get_report(form)
        export_format = request.GET.get("export")
        if export_format in ("csv", "xlsx"):
            headings, rows = reporting.table(report)
            return exports.spreadsheet_response(
                export_format,
                f"appointment-requests-{report.dimension}",
                headings,
                rows,
            )
        context = self.get_context_data(
            form=form,
            report=report,
            chart=reporting.chart(report),
            # Beside the figures, how fast the directory's errors that
            # visitors report are fixed (issue #25).
            freshness=corrections.monthly_freshness(report.months),
            # Today's share only: last_reviewed keeps the latest check, so
            # past months cannot be rebuilt (directory.review.share_checked).
            checked_share=review.share_checked(calendar.today()),
            **kwargs,
        )
        query = request.GET.copy()
        query["export"] = "csv"
        context["csv_url"] = f"{request.path}?{query.urlencode()}"
        query["export"] = "xlsx"
        context["xlsx_url"] = f"{request.path}?{query.urlencode()}"
        return self.render_to_response(context)
