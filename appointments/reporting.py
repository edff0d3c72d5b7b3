"""The figures a centre reports to its funders: requests per month by
service, place, target group or status."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import AppointmentRequest

DIMENSIONS = {
    "service": (_("Service"), "service__title"),
    "location": (_("Place"), "location__name"),
    "target_group": (_("Target group"), "target_groups__name"),
    "status": (_("Status"), "status"),
}
EMPTY_LABELS = {
    "service": _("Not sure"),
    "location": _("Not given"),
    "target_group": _("Not recorded"),
    "status": "",
}
MAX_MONTHS = 36


@dataclass
class Row:
    label: str
    counts: list
    total: int
    share: int = 0  # the bar's length in the chart, 0 to 100


@dataclass
class Report:
    dimension: str
    heading: str
    months: list
    rows: list
    totals: list
    total: int

    @property
    def counts_once(self):
        """False where one request may count in several rows (target groups)."""
        return self.dimension != "target_group"


def first_of_month(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first, last):
    months = []
    month = first_of_month(first)
    while month <= last and len(months) < MAX_MONTHS:
        months.append(month)
        month = add_months(month, 1)
    return months


def default_period(today=None):
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    last = first_of_month(today)
    return add_months(last, -11), last


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _month_of(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return first_of_month(value)


def monthly_report(dimension, first, last):
    """Requests received from the month of ``first`` to that of ``last``."""
    heading, key = DIMENSIONS[dimension]
    months = months_between(first, last)
    if not months:
        return Report(dimension, heading, [], [], [], 0)
    start = _local_midnight(months[0])
    end = _local_midnight(add_months(months[-1], 1))
    requests = AppointmentRequest.objects.filter(
        created_at__gte=start, created_at__lt=end
    )
    grouped = (
        requests.annotate(month=TruncMonth("created_at"))
        .values("month", key)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    position = {month: index for index, month in enumerate(months)}
    labels = dict(AppointmentRequest.Status.choices) if dimension == "status" else {}
    table = {}
    for row in grouped:
        value = row[key]
        label = str(labels.get(value, value) if value else EMPTY_LABELS[dimension])
        counts = table.setdefault(label, [0] * len(months))
        counts[position[_month_of(row["month"])]] += row["count"]
    rows = [Row(label, counts, sum(counts)) for label, counts in table.items()]
    rows.sort(key=lambda row: (-row.total, row.label))
    per_month = (
        requests.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    totals = [0] * len(months)
    for row in per_month:
        totals[position[_month_of(row["month"])]] += row["count"]
    largest = max((row.total for row in rows), default=0)
    for row in rows:
        row.share = round(100 * row.total / largest) if largest else 0
    return Report(dimension, heading, months, rows, totals, sum(totals))


def table(report):
    """(headings, rows) for core.exports: one row per service (place, ...),
    one column per month (``2026-11``), the total last and a row of totals."""
    headings = [
        str(report.heading),
        *(month.strftime("%Y-%m") for month in report.months),
        str(_("Total")),
    ]
    rows = [[row.label, *row.counts, row.total] for row in report.rows]
    rows.append([str(_("All requests")), *report.totals, report.total])
    return headings, rows


ROW_HEIGHT = 28
BAR_START = 300
BAR_WIDTH = 280


def chart(report):
    """Positions for an SVG bar chart of each row's total (no script, no
    inline style: the public site's strict CSP would allow it, too)."""
    bars = []
    for index, row in enumerate(report.rows):
        top = index * ROW_HEIGHT
        width = round(BAR_WIDTH * row.share / 100)
        bars.append(
            {
                "label": row.label,
                "total": row.total,
                "text_y": top + 18,
                "bar_y": top + 6,
                "width": max(width, 1),
                "value_x": BAR_START + width + 6,
            }
        )
    return {
        "bars": bars,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "bar_start": BAR_START,
        "bar_height": ROW_HEIGHT - 10,
    }
