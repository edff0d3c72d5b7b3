"""One export path for every staff list (volunteers, appointment requests,
searches without results, the figures): CSV and XLSX that open right in
Greek Excel and cannot attack the person who opens them.

CSV
    UTF-8 with a byte order mark (without it Excel on a Greek Windows reads
    the bytes as cp1253 and shows "Ξ�Ξ½ΞΏΞΌΞ±"), ``Content-Type: text/csv;
    charset=utf-8``, and ``;`` between cells when the staff member reads the
    admin in Greek: Greek Windows writes decimals with a comma, so its list
    separator, which Excel expects in a CSV, is the semicolon. (A "sep=;"
    first line would do it for every locale, but Excel then ignores the BOM.)
XLSX
    Through openpyxl, which Wagtail's own export already uses; times as
    Excel dates on the Centre's clock.
Both
    Values as staff read them (core.staff_values): Athens times to the
    minute, "—", "Ναι/Όχι", choice labels, language names. Text that begins
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
    with an apostrophe (OWASP "CSV injection"), so that a sign-up named
    ``=HYPERLINK(...)`` stays text; a phone number (``+30 210 1234567``)
    is left as it is, so that coordinators can still dial and sort it.

Why not tablib: the lists are Wagtail's own index views, whose
SpreadsheetExportMixin already streams the filtered queryset; overriding its
few hooks here keeps filters, search and buttons, with no new dependency.
"""

import csv
import datetime
import io
import re

from django.http import HttpResponse
from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from wagtail.admin.views import generic

from core import staff_values

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What spreadsheet programs treat as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number as people write it: an optional "+", digits, spaces, dots,
# dashes and brackets, with 6 to 15 digits in all. Nothing in it can be a
# formula that does harm ("+30 210 1234567" is at worst a sum).
PHONE = re.compile(r"\+?[\d\s().-]+")
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
XLSX_DATE_FORMAT = "dd/mm/yyyy"


def is_phone_number(text):
    digits = sum(character.isdigit() for character in text)
    return bool(PHONE.fullmatch(text)) and 6 <= digits <= 15


def neutralise(text):
    """``text`` safe in a spreadsheet cell: a leading formula character is
    escaped with an apostrophe, except in a phone number."""
    if text.startswith(FORMULA_STARTS) and not is_phone_number(text.strip()):
        return "'" + text
    return text


def cell_text(value):
    """A value as the text of a CSV cell."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return neutralise(staff_values.display(value))


def xlsx_value(value):
    """A value for an XLSX cell: numbers and local times as such, the rest
    as neutralised text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime.datetime):
        return staff_values.local_moment(value)
    if isinstance(value, datetime.date):
        return value
    return neutralise(staff_values.display(value))


def csv_delimiter(language=None):
    """ ";" for Greek readers (see the module's docstring), "," otherwise."""
    language = language or get_language() or ""
    return ";" if language.split("-")[0] == "el" else ","


def csv_bytes(headings, rows, delimiter=None):
    """The rows (lists of values) under the headings, as UTF-8 with a BOM."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter or csv_delimiter())
    writer.writerow([cell_text(heading) for heading in headings])
    for row in rows:
        writer.writerow([cell_text(value) for value in row])
    return stream.getvalue().encode("utf-8-sig")


def xlsx_bytes(headings, rows, title="Sheet1"):
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=title[:31])
    worksheet.append([neutralise(str(heading)) for heading in headings])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(worksheet, xlsx_value(value))
            if cell.data_type == "f":
                # Never a formula, even if something slipped through.
                cell.data_type = "s"
            if isinstance(value, datetime.datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            cells.append(cell)
        worksheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def spreadsheet_response(export_format, filename, headings, rows):
    """An attachment ``filename.csv`` or ``filename.xlsx``; ``rows`` is any
    iterable of lists of values (read once)."""
    if export_format == "xlsx":
        response = HttpResponse(
            xlsx_bytes(headings, rows), content_type=XLSX_CONTENT_TYPE
        )
        extension = "xlsx"
    else:
        response = HttpResponse(
            csv_bytes(headings, rows), content_type="text/csv; charset=utf-8"
        )
        extension = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


class StaffExportMixin:
    """For Wagtail index views with ``list_export``: the export goes through
    :func:`spreadsheet_response`, each column through
    :func:`core.staff_values.field_display` (choice labels, language names,
    the ``*_text`` methods)."""

    def export_cell(self, item, field):
        if "__" in field or "." in field:
            return staff_values.display(super().to_row_dict(item)[field])
        return staff_values.field_display(item, field)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        items = list(queryset)
        # The translations of every row's places, pages and terms in one
        # query per model, not one per row (core.staff_values.reading).
        with staff_values.reading(staff_values.related_translatables(items)):
            rows = [
                [self.export_value(item, field) for field in self.list_export]
                for item in items
            ]
        return spreadsheet_response(
            spreadsheet_format, self.get_filename(), headings, rows
        )

    def export_value(self, item, field):
        # Moments stay datetimes so that XLSX keeps them as dates (on the
        # Centre's clock); the rest is the text staff read.
        try:
            model_field = item._meta.get_field(field)
        except Exception:  # noqa: BLE001 - a method, not a field
            model_field = None
        if model_field is not None and not model_field.choices:
            value = getattr(item, field)
            if isinstance(value, datetime.datetime | int | float) and not isinstance(
                value, bool
            ):
                return value
        return self.export_cell(item, field)


class StaffIndexView(StaffExportMixin, generic.IndexView):
    """A Wagtail model index whose exports take the one export path."""


class StaffInspectView(staff_values.StaffValuesInspectMixin, generic.InspectView):
    """A Wagtail inspect view whose values are as staff read them."""
