"""The caseworkers' side: who sees what, the actions on a request, the
filters and search, registering phone requests, the report and the panel."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest
from appointments.wagtail_hooks import AppointmentRequestsPanel
from directory.models import TargetGroup
from tests.staff import login_staff

from .conftest import make_user

ROLES = ["anonymous", "Editors", "Volunteer coordinators", "Caseworkers", "superuser"]
ALLOWED = {"Caseworkers", "superuser"}


def login_as(client, role):
    if role == "anonymous":
        return None
    user = make_user(role)
    login_staff(client, user)
    return user


@pytest.fixture
def request_obj(db, service, centre):
    return AppointmentRequestFactory(
        name="Ελένη Δοκιμαστική",
        email="eleni@example.org",
        service=service,
        location=centre,
    )


def admin_urls(request_obj):
    pk = request_obj.pk
    index = reverse("appointments:index")
    report = reverse("appointments:report")
    return {
        "index": index,
        "results": reverse("appointments:index_results"),
        "csv": f"{index}?export=csv",
        "xlsx": f"{index}?export=xlsx",
        "inspect": reverse("appointments:inspect", args=[pk]),
        "edit": reverse("appointments:edit", args=[pk]),
        "add": reverse("appointments:add"),
        "history": reverse("appointments:history", args=[pk]),
        "usage": reverse("appointments:usage", args=[pk]),
        "report": report,
        "report_csv": f"{report}?dimension=location&export=csv",
        "delete": reverse("appointments:delete", args=[pk]),
    }


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "view",
    [
        "index",
        "results",
        "csv",
        "xlsx",
        "inspect",
        "edit",
        "add",
        "history",
        "usage",
        "report",
        "report_csv",
        "delete",
    ],
)
def test_only_caseworkers_and_superusers_reach_the_requests(
    client, request_obj, role, view
):
    login_as(client, role)

    response = client.get(admin_urls(request_obj)[view])

    allowed = role in ALLOWED and not (view == "delete" and role != "superuser")
    if allowed:
        assert response.status_code == 200, response.status_code
        assert content_of(response)
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" not in response["Location"]
            assert "appointments" not in response["Location"]
        assert b"eleni@example.org" not in content_of(response)
        assert request_obj.reference.encode() not in content_of(response)


@pytest.mark.parametrize("role", ROLES)
def test_only_caseworkers_and_superusers_can_act_on_a_request(
    client, request_obj, role
):
    login_as(client, role)

    client.post(
        reverse("appointments:inspect", args=[request_obj.pk]),
        {"action": "status", "status-status": "contacted"},
    )

    request_obj.refresh_from_db()
    assert (request_obj.status == "contacted") == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_menu_and_dashboard_panel_only_for_caseworkers(client, request_obj, role):
    login_as(client, role)
    response = client.get(reverse("wagtailadmin_home"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    shown = role in ALLOWED
    assert ("appointment-requests-heading" in html) == shown
    assert (reverse("appointments:index") in html) == shown
    assert (reverse("appointments:report") in html) == shown


def test_caseworker_works_a_request_from_new_to_completed(
    client, request_obj, django_capture_on_commit_callbacks
):
    user = login_as(client, "Caseworkers")
    url = reverse("appointments:inspect", args=[request_obj.pk])

    page = client.get(url).content.decode()
    assert "Ελένη Δοκιμαστική" in page and request_obj.reference in page

    client.post(url, {"action": "assign", "assign-assignee": user.pk})
    client.post(url, {"action": "status", "status-status": "contacted"})
    when = timezone.localtime() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "action": "schedule",
                "schedule-scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
                # Any hour of the day: past the warnings (test_scheduling).
                "schedule-confirmed": "on",
            },
        )
    client.post(url, {"action": "note", "note-note": "Θα φέρει το εκκαθαριστικό."})
    client.post(url, {"action": "status", "status-status": "completed"})

    request_obj.refresh_from_db()
    assert request_obj.assignee == user
    assert request_obj.status == "completed"
    assert request_obj.closed_at is not None
    assert timezone.localtime(request_obj.scheduled_at).strftime(
        "%Y-%m-%d %H:%M"
    ) == when.strftime("%Y-%m-%d %H:%M")
    assert list(request_obj.history.values_list("action", flat=True)) == [
        "assigned",
        "status",
        "scheduled",
        "status",
        "note",
        "status",
    ]
    assert {entry.user for entry in request_obj.history.all()} == {user}
    # The person was told the time by e-mail, in their language.
    assert mail.outbox[-1].to == ["eleni@example.org"]
    assert request_obj.reference in mail.outbox[-1].subject
    history = client.get(url).content.decode()
    assert "Θα φέρει το εκκαθαριστικό." in history


def test_a_refused_transition_changes_nothing(client, request_obj):
    login_as(client, "Caseworkers")
    url = reverse("appointments:inspect", args=[request_obj.pk])

    for status in ("completed", "no_show", "scheduled", "nonsense"):
        response = client.post(url, {"action": "status", "status-status": status})
        assert response.status_code in (200, 302)

    request_obj.refresh_from_db()
    assert request_obj.status == "new"
    assert not request_obj.history.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "schedule", "schedule-scheduled_at": "tomorrow"},
        {"action": "note", "note-note": ""},
        {"action": "assign", "assign-assignee": "99999999999999999999999"},
        {"action": "unknown"},
        {},
    ],
)
def test_bad_action_input_is_refused_without_error(client, request_obj, data):
    login_as(client, "Caseworkers")
    url = reverse("appointments:inspect", args=[request_obj.pk])
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    assert not request_obj.history.exists()


def test_registering_a_request_taken_by_phone(client, centre, service):
    user = login_as(client, "Caseworkers")
    response = client.post(
        reverse("appointments:add"),
        {
            "source": "phone",
            "service": service.pk,
            "where": f"place-{centre.pk}",
            "name": "Γιώργος Παράδειγμα",
            "phone": "6987654321",
            "preferred_contact": "phone",
            "privacy_consent": "on",
        },
    )

    request = AppointmentRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:inspect", args=[request.pk])
    assert request.source == "phone" and request.phone == "+306987654321"
    created = request.history.get()
    assert (created.action, created.user) == ("created", user)
    assert mail.outbox == []  # no e-mail given, and caseworkers are not told


def test_editing_details_records_which_fields_changed(client, request_obj):
    login_as(client, "Caseworkers")
    group = TargetGroup.objects.get(slug="kea", locale__language_code="el")
    response = client.post(
        reverse("appointments:edit", args=[request_obj.pk]),
        {
            "name": "Ελένη Δοκιμαστική",
            "phone": "6911111111",
            "email": "eleni@example.org",
            "preferred_contact": "phone",
            "accessibility_needs": "",
            "target_groups": [group.pk],
        },
    )
    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.phone == "+306911111111"
    assert list(request_obj.target_groups.all()) == [group]
    edited = request_obj.history.get(action="edited")
    assert "6911111111" not in edited.note  # which fields, not their values


def test_filters_overdue_assigned_to_me_and_email_failed(client):
    user = login_as(client, "Caseworkers")
    old = timezone.now() - datetime.timedelta(days=10)
    overdue = AppointmentRequestFactory(created_at=old, name="Παλιό Αίτημα")
    mine = AppointmentRequestFactory(assignee=user, name="Δικό μου Αίτημα")
    failed = AppointmentRequestFactory(email_error="x", name="Αίτημα χωρίς e-mail")
    index = reverse("appointments:index")

    def names(query):
        return {
            name
            for name in (overdue.name, mine.name, failed.name)
            if name in client.get(f"{index}?{query}").content.decode()
        }

    assert names("overdue=true") == {overdue.name}
    assert names("assigned_to_me=true") == {mine.name}
    assert names("email_failed=true") == {failed.name}
    assert names("status=new") == {overdue.name, mine.name, failed.name}


@pytest.mark.parametrize(
    "query", ["{reference}", "{lower}", "{compact}", "Ελένη", "691 234 5678"]
)
def test_search_by_reference_name_and_phone(client, request_obj, query):
    login_as(client, "Caseworkers")
    other = AppointmentRequestFactory(name="Άλλος Άνθρωπος", phone="+306900000000")
    text = query.format(
        reference=request_obj.reference,
        lower=request_obj.reference.lower(),
        compact=request_obj.reference.replace("-", "")[2:],
    )
    html = client.get(reverse("appointments:index"), {"q": text}).content.decode()
    assert request_obj.reference in html
    assert other.reference not in html


def test_dashboard_panel_counts_new_and_overdue(client):

    AppointmentRequestFactory.create_batch(2)
    AppointmentRequestFactory(created_at=timezone.now() - datetime.timedelta(days=9))
    AppointmentRequestFactory(status="contacted")

    context = AppointmentRequestsPanel().get_context_data({})
    assert (context["new_count"], context["overdue_count"]) == (3, 1)


def test_report_counts_per_month_and_exports_csv(client, service, centre):
    login_as(client, "Caseworkers")
    this_month = timezone.now()
    last_month = this_month - datetime.timedelta(days=31)
    AppointmentRequestFactory.create_batch(2, service=service, location=centre)
    AppointmentRequestFactory(service=None, location=centre, created_at=last_month)
    url = reverse("appointments:report")

    html = client.get(url, {"dimension": "service"}).content.decode()
    assert "<svg" in html and "<table" in html
    assert service.title in html

    response = client.get(url, {"dimension": "service", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, *body = rows
    assert header[-1] and len(header) == 14  # label, 12 months, total
    by_label = {row[0]: row for row in body}
    assert by_label[service.title][-2:] == ["2", "2"]
    assert by_label[rows[-1][0]][-1] == "3"  # all requests
    assert sum(int(row[-1]) for row in body[:-1]) == 3


@pytest.mark.parametrize(
    "query",
    [
        {"first": "2026-13", "last": "x"},
        {"first": "99999-01"},
        {"dimension": "nonsense"},
        {"first": "2026-05", "last": "2025-01"},
    ],
)
def test_report_with_bad_input_shows_the_default_period(client, query):
    login_as(client, "Caseworkers")
    response = client.get(reverse("appointments:report"), query)
    assert response.status_code == 200


def test_list_export_has_no_contact_details(client, request_obj):
    login_as(client, "Caseworkers")
    response = client.get(reverse("appointments:index") + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(content_of(response)))
    values = [
        cell.value for row in workbook.active.iter_rows() for cell in row if cell.value
    ]
    assert request_obj.reference in values
    assert "eleni@example.org" not in values


def test_requests_do_not_show_in_the_usage_of_a_service_page(
    client, request_obj, service
):
    from wagtail.models import ReferenceIndex

    assert not ReferenceIndex.is_indexed(AppointmentRequest)
    request_obj.save()  # what would index it, if it were indexed
    login_as(client, "superuser")
    response = client.get(reverse("wagtailadmin_pages:usage", args=[service.pk]))
    assert response.status_code == 200
    assert request_obj.reference not in response.content.decode()


def test_greek_admin_labels_do_not_decline_a_name_wrongly(client, centre, service):
    """Wagtail puts "Add"/"Choose" before a model's name, which Greek would
    have to put in the genitive ("Προσθήκη αίτημα ραντεβού" is wrong): our
    catalogue says it with a colon."""
    login_as(client, "superuser")
    html = client.get(reverse("appointments:index")).content.decode()
    assert "Προσθήκη: αίτημα ραντεβού" in html
    assert "Προσθήκη αίτημα ραντεβού" not in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).content
    html = html.decode()
    assert "Επιλογή: φορέας" in html and "Αλλαγή: φορέας" in html
    assert "Επιλογή φορέας" not in html
    assert "Επιλογή διαφορετικού" not in html
