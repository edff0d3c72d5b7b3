"""The appointment form and the status check use the one form of an e-mail
address: a Greek domain in Greek or in punycode, in any case."""

from django.utils import translation
from django.utils.html import escape

from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest
from appointments.submission import plain_status

from .test_flow import submit

PUNYCODE = "eleni@xn--hxajbheg2az3al.xn--qxam"


def test_the_form_stores_the_one_form(
    client, page, valid_data, django_capture_on_commit_callbacks
):
    submit(
        client,
        page,
        valid_data(email="Eleni@Παράδειγμα.ελ"),
        django_capture_on_commit_callbacks,
    )
    assert AppointmentRequest.objects.get().email == PUNYCODE


def test_status_check_in_greek_finds_a_punycode_request(client, page):
    request = AppointmentRequestFactory(email=PUNYCODE)
    url = page.url + "katastasi/"

    found = client.post(
        url, {"reference": request.reference, "contact": "ELENI@παράδειγμα.ελ"}
    )

    with translation.override("el"):
        expected = plain_status(request)
    assert escape(expected) in found.content.decode()
