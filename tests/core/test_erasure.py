"""After the daily purge and a withdrawal, nothing in the database holds the
person's name, phone or e-mail address: not the records, not Wagtail's audit
log or revisions, not the searches they made. The test reads every column of
every table."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from appointments import places
from appointments.models import AppointmentPage, AppointmentRequest
from core.abuse import started_token
from directory.models import ServicePage
from search.models import UnansweredQuery
from tests.appointments.conftest import make_user
from tests.staff import login_staff
from volunteers.models import Volunteer, VolunteerIndexPage
from volunteers.tokens import confirmation_token, withdrawal_token

NAME = "Νικόλαος Ζαχαροπουλάκης"
PHONE = "6987654321"
EMAIL = "zacharopoulakis.test@example.org"
# Every spelling in which the person could have been kept: as typed, folded
# by the search analysis, in capitals, in Greeklish, by parts. (A surname no
# word of the demo content shares.)
NEEDLES = [
    "Ζαχαροπουλάκ",
    "ζαχαροπουλακ",
    "ζαχαροπουλάκ",
    "ΖΑΧΑΡΟΠΟΥΛΑΚ",
    "zacharopoulak",
    "zaharopoulak",
    "ZACHAROPOULAK",
    PHONE,
    PHONE[-7:],
]


def tables_holding(needles):
    """{table: [column, ...]} of every column whose text holds a needle."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, table
                )
            ]
            quote = connection.ops.quote_name
            for column in columns:
                conditions = " OR ".join(
                    f"CAST({quote(column)} AS TEXT) LIKE %s" for _ in needles
                )
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE {conditions}",  # noqa: S608
                    [f"%{needle}%" for needle in needles],
                )
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(column)
    return found


def request_form_data(service, page):
    where = next(
        value for value, _label in page_choices(page) if value.startswith("place-")
    )
    return {
        "service": str(service.pk),
        "where": where,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "preferred_contact": "phone",
        "message": f"Είμαι ο {NAME}, τηλέφωνο {PHONE}.",
        "accessibility_needs": "",
        "privacy_consent": "on",
        "homepage": "",
        "started": started_token(time.time() - 60),
    }


def page_choices(page):

    choices, _options = places.where_options(page, timezone.now())
    return [choice for choice in choices if isinstance(choice[1], str)]


@pytest.mark.django_db
def test_nothing_in_the_database_holds_the_person_after_purge_and_withdrawal(
    client,
):
    # The person asks for an appointment, signs up as a volunteer, and
    # searches the site for their own name, phone and address.
    page = AppointmentPage.objects.get(locale__language_code="el")
    service = ServicePage.objects.filter(
        locale__language_code="el", accepts_appointments=True
    ).first()
    response = client.post(page.url, request_form_data(service, page))
    assert response.status_code == 302
    request_obj = AppointmentRequest.objects.get(email=EMAIL)
    for query in (NAME, PHONE, EMAIL, f"{NAME} {PHONE}"):
        client.get("/anazitisi/", {"q": query})
    index = VolunteerIndexPage.objects.live().get(locale__language_code="el")
    client.post(
        index.url + "eggrafi/",
        {
            "name": NAME,
            "email": EMAIL,
            "phone": PHONE,
            "availability": ["0-morning"],
            "message": f"{NAME}, {PHONE}",
            "is_adult": "on",
            "privacy_consent": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        },
    )
    pending = Volunteer.objects.get(email=EMAIL)
    client.post(index.url + f"epivevaiosi/{confirmation_token(pending)}/")

    # Staff work on both in the admin, which writes Wagtail's audit log.
    caseworker = make_user("Caseworkers")
    staff = client.__class__()
    login_staff(staff, caseworker)
    staff.post(
        reverse("appointments:edit", args=[request_obj.pk]),
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "preferred_contact": "email",
            "accessibility_needs": f"Καλέστε τον {NAME}",
        },
    )
    staff.post(
        reverse("appointments:inspect", args=[request_obj.pk]),
        {"action": "note", "note-note": f"Μίλησα με {NAME} στο {PHONE}"},
    )
    for status in ("contacted", "cancelled"):
        staff.post(
            reverse("appointments:inspect", args=[request_obj.pk]),
            {"action": "status", "status-status": status},
        )
    coordinator = make_user("Volunteer coordinators")
    login_staff(staff, coordinator)
    volunteer = Volunteer.objects.get(email=EMAIL)
    staff.post(
        reverse("volunteers:edit", args=[volunteer.pk]),
        {"status": "active", "notes": f"Τηλεφώνησα στον {NAME}"},
    )
    held = tables_holding(NEEDLES)
    assert "wagtailcore_modellogentry" in held or any(
        "history" in table for table in held
    ), held
    assert held, "the person is in the database before the erasure"

    # The person withdraws; a year and more passes; the daily purge runs.
    client.post(index.url + f"apoxorisi/{withdrawal_token(EMAIL)}/")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    AppointmentRequest.objects.filter(pk=request_obj.pk).update(closed_at=long_ago)
    UnansweredQuery.objects.update(last_searched_at=long_ago)
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert tables_holding([*NEEDLES, EMAIL]) == {}
    request_obj.refresh_from_db()
    assert request_obj.anonymised_at and request_obj.reference
    assert not Volunteer.objects.filter(email=EMAIL).exists()
