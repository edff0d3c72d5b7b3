"""A caseworker's morning, in a browser: the inbox shows the overdue request
first and flagged; its page shows Athens time; a time on Christmas Day is
warned about and set only when confirmed; the person gets the e-mail with
a calendar file."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest
from directory.models import Location, ServicePage
from tests.browser.staff import wait_for_mail
from tests.staff import login_staff

from .conftest import assert_accessible


def caseworkers():
    """The role a migration creates, made again with the same permissions when
    a transactional test (PostgreSQL's concurrency tests) flushed it away."""
    group, _ = Group.objects.get_or_create(name="Caseworkers")
    group.permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(
                content_type__app_label="appointments",
                codename__in=[
                    "view_appointmentrequest",
                    "add_appointmentrequest",
                    "change_appointmentrequest",
                ],
            )
        )
    )
    return group


def staff_session(page, live_server):
    """Sign a caseworker in (second factor given) and hand the browser the
    session cookie."""
    # The live server's tests share one database: the second test finds the
    # user the first one made.
    User = get_user_model()
    user = User.objects.filter(username="caseworker-browser").first()
    if user is None:
        user = User.objects.create_user(
            "caseworker-browser", "cw@example.org", "x", first_name="Άννα"
        )
    user.groups.add(caseworkers())
    client = Client()
    login_staff(client, user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def next_christmas():
    today = timezone.localdate()
    christmas = datetime.date(today.year, 12, 25)
    return christmas if christmas > today else christmas.replace(year=today.year + 1)


def test_inbox_request_schedule_with_warning_and_email_with_ics(page, live_server):
    AppointmentRequest.objects.all().delete()
    service = ServicePage.objects.get(slug="kea", locale__language_code="el")
    centre = Location.objects.get(slug="kentro-koinotitas", locale__language_code="el")
    now = timezone.now()
    AppointmentRequestFactory(status="new", service=service, location=centre)
    overdue = AppointmentRequestFactory(
        status="new",
        service=service,
        location=centre,
        email="eleni@example.org",
        created_at=now - datetime.timedelta(days=9),
    )
    staff_session(page, live_server)
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto("/admin/appointments/")
    rows = page.locator("table.listing tbody tr")
    first = rows.nth(0)
    assert overdue.reference in first.inner_text()
    assert "Εκπρόθεσμο" in first.inner_text()
    page.get_by_role("link", name=overdue.reference).click()
    page.wait_for_load_state("load")
    received = timezone.localtime(overdue.created_at).strftime("%d/%m/%Y %H:%M")
    assert received in page.content()
    assert_accessible(page, "request page")
    # Wagtail's side-panel layout: on a wide screen the details beside the
    # key facts and actions; on a narrow one below them, one column.
    actions = page.locator("#actions-heading").bounding_box()
    details = page.locator("#details-heading").bounding_box()
    assert details["x"] >= actions["x"] + actions["width"]
    assert details["y"] < actions["y"]
    page.set_viewport_size({"width": 800, "height": 900})
    actions = page.locator("#actions-heading").bounding_box()
    details = page.locator("#details-heading").bounding_box()
    assert details["y"] > actions["y"]
    page.set_viewport_size({"width": 1366, "height": 900})

    # Contacted first, then a time on Christmas Day.
    page.select_option("#id_status-status", "contacted")
    page.get_by_role("button", name="Αλλαγή κατάστασης").click()
    page.wait_for_load_state("load")
    page.fill("#id_schedule-scheduled_at", f"{next_christmas():%Y-%m-%d}T10:00")
    page.get_by_role("button", name="Ορισμός ώρας ραντεβού").click()
    page.wait_for_load_state("load")
    assert "Ελέγξτε αυτή την ώρα πριν την ορίσετε" in page.content()
    assert_accessible(page, "warning")
    overdue.refresh_from_db()
    assert overdue.scheduled_at is None

    page.get_by_role("button", name="Ορισμός αυτής της ώρας παρ' όλα αυτά").click()
    page.wait_for_load_state("load")
    overdue.refresh_from_db()
    assert overdue.scheduled_at is not None
    *_, message = wait_for_mail(lambda message: bool(message.attachments))
    assert message.to == ["eleni@example.org"]
    assert message.attachments[0][0].endswith(".ics")


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


TABLE_GEOMETRY = """() => {
    const box = document.querySelector('[aria-labelledby="report-table-caption"]');
    const cells = document.querySelectorAll('table.listing tbody tr:first-child > *');
    const rect = (element) => element.getBoundingClientRect();
    return {
        pageScrollWidth: document.documentElement.scrollWidth,
        viewportWidth: document.documentElement.clientWidth,
        box: rect(box),
        total: rect(cells[1]),
        thisMonth: rect(cells[2]),
        totalText: cells[1].innerText,
    };
}"""


def inside(cell, box, width):
    """The cell is wholly within the scroll box and the window."""
    return (
        cell["left"] >= max(box["left"], 0) - 1
        and cell["right"] <= min(box["right"], width) + 1
    )


def test_figures_table_shows_total_and_this_month_at_1366(page, live_server):
    """At 1366×900, the figures table shows the total and this month without
    the page scrolling sideways, for the usual year and for two years (whose
    older months scroll inside the table's own box)."""
    AppointmentRequest.objects.all().delete()
    service = ServicePage.objects.get(slug="kea", locale__language_code="el")
    centre = Location.objects.get(slug="kentro-koinotitas", locale__language_code="el")
    now = timezone.now()
    for days_ago in (0, 1, 40, 200):
        AppointmentRequestFactory(
            service=service,
            location=centre,
            created_at=now - datetime.timedelta(days=days_ago),
        )
    staff_session(page, live_server)
    page.set_viewport_size({"width": 1366, "height": 900})
    this_month = timezone.localdate().replace(day=1)
    two_years = (
        f"?dimension=service&first={add_months(this_month, -23):%Y-%m}"
        f"&last={this_month:%Y-%m}"
    )

    for query in ("", two_years):
        page.goto(f"/admin/appointments/report/{query}")
        page.wait_for_load_state("load")
        geometry = page.evaluate(TABLE_GEOMETRY)

        assert geometry["pageScrollWidth"] <= geometry["viewportWidth"], query
        box, width = geometry["box"], geometry["viewportWidth"]
        assert inside(geometry["total"], box, width), query
        assert inside(geometry["thisMonth"], box, width), query
        assert geometry["totalText"].strip() == "4"
        head = page.locator("table.listing thead th").nth(2).inner_text()
        assert head.strip() == f"{this_month:%m/%Y}"
    assert_accessible(page, "figures")
