"""The review cycle in the admin (issue #25): the "Due for review" report
with its filters and export, the dashboard panel, the share checked beside
the appointment figures, and the owners an editor may choose."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import calendar, partner_review, review
from directory.factories import LocationFactory, OrganisationFactory
from directory.forms import ServicePageForm
from directory.models import CheckedShare, ServicePage
from tests.goods.conftest import login_as, make_user

REPORT = "/admin/reports/due-for-review/"
# Every test here builds its own services under review in an empty directory.
pytestmark = pytest.mark.usefixtures("directory_emptied_for_module")


def test_an_editor_reads_the_due_services_overdue_first(client, services_under_review):
    login_as(client, "Editors")
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Προς έλεγχο" in html
    rows = [row.title for row in response.context["object_list"]]
    assert rows == ["never", "long-due", "due"]
    never, long_due, _due = response.context["object_list"]
    assert never.last_reviewed == "Δεν έχει ελεγχθεί"
    assert never.days_overdue == "—"
    assert long_due.days_overdue > 300
    # Each title opens the service's editor.
    edit = reverse("wagtailadmin_pages:edit", args=[services_under_review["due"].pk])
    assert f'href="{edit}"' in html


def test_the_report_lists_overdue_locations_and_organisations_too(
    client, services_under_review
):
    login_as(client, "Editors")
    place = LocationFactory(
        slug="kapi", name="ΚΑΠΗ", last_reviewed=review.add_months(calendar.today(), -30)
    )
    partner = OrganisationFactory(slug="opeka", name="ΟΠΕΚΑ", email="info@opeka.gr")
    LocationFactory(
        slug="new", name="Νέο", last_reviewed=review.add_months(calendar.today(), -1)
    )
    response = client.get(REPORT)
    html = response.content.decode()
    rows = [(row.title, row.kind) for row in response.context["object_list"]]
    assert rows == [
        ("never", "Υπηρεσία"),
        ("ΟΠΕΚΑ", "Φορέας"),
        ("ΚΑΠΗ", "Τοποθεσία"),
        ("long-due", "Υπηρεσία"),
        ("due", "Υπηρεσία"),
    ]
    organisation_row = response.context["object_list"][1]
    assert organisation_row.partner == "info@opeka.gr"
    # Each title opens the record's editor.
    for edit in (
        f"/admin/snippets/directory/location/edit/{place.pk}/",
        f"/admin/snippets/directory/organisation/edit/{partner.pk}/",
    ):
        assert f'href="{edit}"' in html
        assert client.get(edit).status_code == 200
    assert "Τοποθεσία" in html and "Φορέας" in html
    # The dashboard counts them.
    dashboard = client.get("/admin/").content.decode()
    assert "5 εγγραφές προς έλεγχο" in dashboard


def test_the_reports_queries_do_not_grow_with_its_rows(
    client, services_under_review, django_user_model
):
    login_as(client, "Editors")
    owner = django_user_model.objects.create_user("owner", "o@example.org", "x")

    def add(count, start):
        for number in range(start, start + count):
            place = LocationFactory(slug=f"place-{number}", last_reviewed=None)
            place.review_owners.set([owner])
            place.save()
            organisation = OrganisationFactory(slug=f"org-{number}")
            organisation.review_owners.set([owner])
            organisation.save()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(REPORT).status_code == 200
        return len(captured)

    add(2, 0)
    few = queries()
    add(10, 2)
    assert queries() == few


def test_the_report_filters_by_owner_and_organisation(client, services_under_review):
    editor = login_as(client, "Editors")
    services_under_review["due"].review_owners.set([editor])
    services_under_review["due"].save()
    partner = OrganisationFactory(slug="opeka", name="ΟΠΕΚΑ")
    ServicePage.objects.filter(slug="long-due").update(organisation=partner)

    mine = client.get(REPORT, {"owner": editor.pk}).context["object_list"]
    assert [row.title for row in mine] == ["due"]
    assert mine[0].owners == editor.get_full_name()
    theirs = client.get(REPORT, {"organisation": partner.pk}).context["object_list"]
    # The organisation itself (never checked) and its service.
    assert [(row.title, row.organisation) for row in theirs] == [
        ("ΟΠΕΚΑ", "ΟΠΕΚΑ"),
        ("long-due", "ΟΠΕΚΑ"),
    ]


def test_an_odd_filter_value_gives_the_report_not_an_error(
    client, services_under_review
):
    login_as(client, "Editors")
    response = client.get(
        REPORT, {"owner": "99999999999999999999", "organisation": "x"}
    )
    assert response.status_code == 200


def test_the_report_exports_a_spreadsheet(client, services_under_review):
    login_as(client, "Editors")
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert "Προθεσμία ελέγχου" in lines[0] and "Ημέρες καθυστέρησης" in lines[0]
    assert [line.split(",")[0] for line in lines[1:]] == ["never", "long-due", "due"]


def test_the_report_is_in_the_reports_menu_of_those_who_edit_the_directory(
    client, services_under_review
):
    login_as(client, "Editors")
    assert REPORT in client.get("/admin/").content.decode()


def test_a_caseworker_can_neither_open_nor_see_the_report(
    client, services_under_review
):
    login_as(client, "Caseworkers")
    assert client.get(REPORT).status_code in (302, 403)
    html = client.get("/admin/").content.decode()
    assert REPORT not in html
    assert "Έλεγχος του καταλόγου" not in html


def test_the_dashboard_shows_the_share_checked_and_how_many_are_due(
    client, services_under_review
):
    login_as(client, "Editors")
    html = client.get("/admin/").content.decode()
    assert "Έλεγχος του καταλόγου" in html
    assert (
        "40% των υπηρεσιών ελέγχθηκαν τους τελευταίους έξι μήνες · "
        "3 εγγραφές προς έλεγχο"
    ) in html
    panel = html.split("directory-review-heading", 1)[1].split("</section>", 1)[0]
    assert f'href="{REPORT}"' in panel


def test_the_appointment_figures_show_the_share_checked_today(
    client, services_under_review
):
    login_as(client, "Caseworkers")
    html = client.get(reverse("appointments:report")).content.decode()
    assert (
        "Υπηρεσίες που ελέγχθηκαν τους τελευταίους έξι μήνες: 40% (σημερινή τιμή)."
    ) in html


def test_only_staff_can_be_chosen_to_check_a_service(
    services_under_review, django_user_model
):
    editor = make_user("Editors")
    member = django_user_model.objects.create_user("visitor", "v@example.org", "x")
    service = services_under_review["due"]
    form_class = ServicePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ServicePageForm)
    form = form_class(instance=service, for_user=editor)
    choices = form.fields["review_owners"].queryset
    assert editor in choices and member not in choices
    # An owner who left the staff stays until an editor removes them.
    service.review_owners.set([member])
    form = form_class(instance=service, for_user=editor)
    assert member in form.fields["review_owners"].queryset


def figures_rows(html):
    """{"MM/YYYY": last cell} of the freshness table."""
    table = html.split('id="freshness-caption"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">([\d/]+)</th>(.*?)</tr>', table)
    return {month: re.findall(r"<td>(.*?)</td>", cells)[-1] for month, cells in rows}


def test_each_month_shows_the_share_checked_recorded_that_month(
    client, services_under_review
):
    today = calendar.today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    CheckedShare.objects.create(
        month=last_month, checked=1, total=4, recorded_on=last_month
    )
    review.record_share(today)
    login_as(client, "Caseworkers")
    rows = figures_rows(client.get(reverse("appointments:report")).content.decode())
    assert rows[f"{today:%m/%Y}"] == "40%"
    assert rows[f"{last_month:%m/%Y}"] == "25%"
    # Before the first recording: no figure, not a zero.
    earlier = (last_month - datetime.timedelta(days=1)).replace(day=1)
    assert rows[f"{earlier:%m/%Y}"] == "–"


def test_the_daily_job_keeps_the_month_s_last_figure(services_under_review):
    today = calendar.today()
    partner_review.run_daily(today.replace(day=1))
    ServicePage.objects.filter(pk=services_under_review["due"].pk).update(
        last_reviewed=today
    )
    partner_review.run_daily(today)
    (record,) = CheckedShare.objects.all()
    assert record.month == today.replace(day=1) and record.recorded_on == today
    assert (record.checked, record.total) == review.checked_counts(today)
