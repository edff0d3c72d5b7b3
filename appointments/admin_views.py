"""The caseworkers' views in the Wagtail admin: the inbox, the detail page
with its actions and history, registering a request taken by phone or at
the desk, and the report for funders."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from appointments import reporting, workflow
from appointments import submission as rules
from appointments.forms import (
    AssignForm,
    NoteForm,
    ScheduleForm,
    StaffRequestForm,
    StatusForm,
)
from appointments.models import AppointmentPage, AppointmentRequest, HistoryEntry
from appointments.references import normalise_reference

# The actions on the detail page: name -> form class.
ACTIONS = {
    "assign": AssignForm,
    "status": StatusForm,
    "schedule": ScheduleForm,
    "note": NoteForm,
}


class RequestIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        # The title links to the detail page, where caseworkers work.
        return None

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(name__icontains=query) | Q(email__icontains=query)
        reference = normalise_reference(query)
        condition |= Q(reference=reference) if reference else Q()
        condition |= Q(reference__icontains=query)
        digits = "".join(character for character in query if character.isdigit())
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits)
        return queryset.filter(condition)


class RequestInspectView(generic.InspectView):
    """The request in full, its history, and what a caseworker can do next."""

    template_name = "appointments/admin/inspect.html"
    page_title = gettext_lazy("Appointment request")

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
    says which fields changed (not their values, which may be personal)."""

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
        created = rules.create_request(
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
        from appointments.forms import ReportFilterForm

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
        if request.GET.get("export") == "csv":
            stream = io.StringIO()
            reporting.write_csv(report, stream)
            response = HttpResponse(
                stream.getvalue().encode("utf-8-sig"),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="appointment-requests-{report.dimension}.csv"'
            )
            return response
        context = self.get_context_data(
            form=form, report=report, chart=reporting.chart(report), **kwargs
        )
        query = request.GET.copy()
        query["export"] = "csv"
        context["csv_url"] = f"{request.path}?{query.urlencode()}"
        return self.render_to_response(context)
