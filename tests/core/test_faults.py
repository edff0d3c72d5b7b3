"""Faults that used to lose or break a submission, one test each: a form
sent in another character set, a locked database, an unconfirmed sign-up
made active by hand, old or forged tokens, odd e-mail domains, and what the
responses tell whoever measures them."""

import time
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.urls import reverse

from appointments import places, submission
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentPage, AppointmentRequest
from core import abuse
from portal import views
from tests.appointments.conftest import make_user
from tests.staff import login_staff
from volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer


@pytest.fixture
def page(db):
    return AppointmentPage.objects.get(locale__language_code="el")


@pytest.fixture
def answers(page):

    _choices, options = places.where_options(page)
    where = next(value for value in options if value.startswith("place-"))
    return {
        "where": where,
        "name": "Ελένη Δοκιμαστική",
        "phone": "6912345678",
        "email": "eleni@example.org",
        "preferred_contact": "phone",
        "message": "Χρειάζομαι βοήθεια με την αίτηση.",
        "privacy_consent": "on",
        "homepage": "",
        "started": abuse.started_token(time.time() - 60),
    }


def test_a_form_sent_in_greek_iso_8859_7_comes_back_with_an_error(
    client, page, answers
):
    body = urlencode(answers, encoding="iso-8859-7").encode("ascii")

    response = client.post(
        page.url,
        body,
        content_type="application/x-www-form-urlencoded; charset=iso-8859-7",
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert 'value="Ελένη Δοκιμαστική"' in response.content.decode()
    assert not AppointmentRequest.objects.filter(email="eleni@example.org").exists()


def test_a_locked_database_gives_503_and_the_answers_back(
    client, page, answers, monkeypatch
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(submission, "create_request", locked)

    response = client.post(page.url, answers)

    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert 'value="Ελένη Δοκιμαστική"' in html
    assert "Χρειάζομαι βοήθεια με την αίτηση." in html
    assert "send the form again in a moment" in html or "σε λίγο" in html


def test_a_locked_database_on_a_page_gives_503_not_500(client, db, monkeypatch):

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views.sitesearch, "ranked_pages", locked)

    response = client.get("/anazitisi/", {"q": "κεα"})

    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.mark.django_db
def test_a_coordinator_cannot_activate_an_unconfirmed_sign_up(client):
    VolunteerFactory(email="eleni@example.org", status="active")
    pending = VolunteerFactory(email="eleni@example.org", status="unconfirmed")
    login_staff(client, make_user("Volunteer coordinators"))

    response = client.post(
        reverse("volunteers:edit", args=[pending.pk]),
        {"status": "active", "notes": ""},
    )

    assert response.status_code == 200
    assert (
        "not confirmed their sign-up" in response.content.decode()
        or (response.context["form"].errors["status"])
    )
    pending.refresh_from_db()
    assert pending.status == Volunteer.Status.UNCONFIRMED


@pytest.mark.django_db
def test_an_anonymised_request_cannot_be_given_personal_data_again(client):
    from django.core.exceptions import ValidationError

    request_obj = AppointmentRequestFactory(status="completed")
    submission.anonymise(request_obj)
    login_staff(client, make_user("Caseworkers"))

    response = client.post(
        reverse("appointments:edit", args=[request_obj.pk]),
        {"name": "Κάποιος Άλλος", "phone": "6900000000", "preferred_contact": "phone"},
    )

    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.name == "" and request_obj.phone == ""
    request_obj.name = "Κάποιος Άλλος"
    with pytest.raises(ValidationError):
        request_obj.save()


def test_a_form_token_expires(settings):
    settings.KENTRO_FORM_MAX_AGE_SECONDS = 3600

    assert abuse.seconds_since_started(abuse.started_token(time.time() - 60))
    assert abuse.seconds_since_started(abuse.started_token(time.time() - 7200)) is None


@pytest.mark.parametrize(
    "address", ["a@[127.0.0.1]", "a@[IPv6:::1]", "someone@localhost"]
)
def test_mail_is_never_sent_to_an_address_literal(client, page, answers, address):
    response = client.post(page.url, {**answers, "email": address})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not AppointmentRequest.objects.filter(email=address).exists()


def test_the_status_check_is_limited_per_reference(client, page, settings):
    settings.KENTRO_STATUS_REFERENCE_LIMIT = 3

    request_obj = AppointmentRequestFactory(phone="+306912345678")
    url = page.url + "katastasi/"

    statuses = [
        client.post(
            url,
            {"reference": request_obj.reference, "contact": f"{n:04d}"},
            REMOTE_ADDR=f"203.0.113.{n}",
        ).status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_responses_tell_no_server_timing_unless_switched_on(client, db):
    assert "Server-Timing" not in client.get("/robots.txt")


def test_gunicorn_sends_no_server_banner():
    import importlib.util
    from pathlib import Path

    from gunicorn.http import wsgi

    path = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))

    class Request:
        version = (1, 1)

    response = wsgi.Response.__new__(wsgi.Response)
    response.req, response.status, response.upgrade = Request(), "200 OK", False
    response.version, response.chunked, response.must_close = "gunicorn", False, True
    headers = response.default_headers()

    assert not any(header.lower().startswith("server:") for header in headers)
