"""Caseworkers read Athens time and labels on the request page, in the
history and in every export of the requests and the figures."""

import csv
import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone

from appointments import workflow
from appointments.factories import AppointmentRequestFactory

from .test_admin import content_of, login_as

UTC = datetime.UTC
RECEIVED = datetime.datetime(2026, 11, 30, 8, 2, tzinfo=UTC)  # 10:02 in Athens
SUMMER = datetime.datetime(2026, 7, 1, 8, 4, tzinfo=UTC)  # 11:04 in Athens


def test_request_page_shows_athens_time_and_labels(client, service, centre):
    user = login_as(client, "Caseworkers")
    request_obj = AppointmentRequestFactory(
        service=service,
        location=centre,
        created_at=RECEIVED,
        consented_at=SUMMER,
        status="contacted",
        needs_interpreter=False,
        site_language="el",
    )
    workflow.schedule(
        request_obj, datetime.datetime(2026, 12, 2, 9, 0, tzinfo=UTC), user
    )
    workflow.change_status(request_obj, "cancelled", user)

    html = client.get(reverse("appointments:inspect", args=[request_obj.pk]))
    html = html.content.decode()

    assert "30/11/2026 10:02" in html  # received
    assert "01/07/2026 11:04" in html  # consented, in summer time
    assert "02/12/2026 11:00" in html  # the appointment, as set
    assert "08:02" not in html and "09:00" not in html
    assert "Ελληνικά" in html  # the form's language, not "el"
    assert ">None<" not in html and ">False<" not in html
    # The history in words: "Επικοινωνία έγινε → Ακυρώθηκε", not codes.
    assert "contacted →" not in html and "→ cancelled" not in html
    assert "Ακυρώθηκε" in html


def test_request_exports_show_athens_time_and_labels(client, service, centre):
    login_as(client, "Caseworkers")
    AppointmentRequestFactory(
        service=service, location=centre, created_at=RECEIVED, status="new"
    )
    index = reverse("appointments:index")

    response = client.get(f"{index}?export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = content_of(response)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "30/11/2026 10:02"
    assert rows[1][2] == "Νέο"
    assert "None" not in body.decode("utf-8-sig")

    response = client.get(f"{index}?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    assert sheet.cell(row=2, column=2).value.strftime("%H:%M") == "10:02"
    assert sheet.cell(row=2, column=3).value == "Νέο"


def test_figures_export_as_greek_csv_and_xlsx(client, service, centre):
    login_as(client, "Caseworkers")
    service.title = '=HYPERLINK("https://example.invalid")'
    service.save()
    AppointmentRequestFactory(service=service, location=centre)
    url = reverse("appointments:report")

    response = client.get(url, {"dimension": "service", "export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows[0]) == 14
    assert rows[1][0].startswith("'=")

    response = client.get(url, {"dimension": "service", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).value.startswith("'=")


def test_figures_table_shows_the_total_and_this_month_first(client, service, centre):
    login_as(client, "Caseworkers")
    AppointmentRequestFactory(service=service, location=centre)
    html = client.get(reverse("appointments:report")).content.decode()
    start = html.index('id="report-table-caption"')
    head = html[start : html.index("</thead>", start)]
    this_month = timezone.localdate().strftime("%m/%Y")
    assert head.index("Σύνολο") < head.index(this_month)
    last_year = timezone.localdate().replace(day=1) - datetime.timedelta(days=300)
    assert head.index(this_month) < head.index(last_year.strftime("%m/%Y"))


def test_request_page_puts_key_facts_and_actions_before_the_details(
    client, service, centre
):
    login_as(client, "Caseworkers")
    request_obj = AppointmentRequestFactory(
        service=service,
        location=centre,
        status="contacted",
        name="Ελένη Παπαδάκη",
        preferred_days=[0, 3],
        needs_interpreter=True,
        created_at=RECEIVED,
        scheduled_at=datetime.datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
    )
    html = client.get(reverse("appointments:inspect", args=[request_obj.pk]))
    html = html.content.decode()

    glance = html.index('id="glance-heading"')
    actions = html.index('id="actions-heading"')
    details = html.index('id="details-heading"')
    history = html.index('id="history-heading"')
    assert glance < actions < details < history
    # The actions' forms themselves come before the details and the history.
    status_form = html.index('name="status-status"')
    schedule_form = html.index('name="schedule-scheduled_at"')
    assert actions < status_form < details and schedule_form < details

    # The key facts, as staff read them, in the main column before the actions.
    facts = html[glance:actions]
    for fact in (
        "Ελένη Παπαδάκη",  # who
        service.title,
        str(centre),  # where
        "Δευτέρα",  # preferred days
        "χρειάζεται διερμηνέα",  # language and interpreter
        "30/11/2026 10:02",  # received
        "02/12/2026 11:00",  # the appointment, Athens time
    ):
        assert fact in facts, fact
    # Wagtail's side-panel layout: the main column, then the details beside.
    assert html.index('class="request-layout__main"') < glance
    assert 'request-layout__side" aria-labelledby="details-heading"' in html
    # The details list what the key facts do not: no second "received at".
    assert html[details:history].count("30/11/2026 10:02") == 0
