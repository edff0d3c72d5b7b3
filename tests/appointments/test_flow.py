"""The whole flow through the real views: from a service page to the form,
the thank-you page, the e-mails after the commit, and the status check."""

import datetime
import re
import smtplib

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentPage, AppointmentRequest, HistoryEntry
from appointments.submission import plain_status
from appointments.views import thank_you_token
from core.abuse import started_token

from .conftest import make_user


class FailingEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


class FlakyEmailBackend:
    """Fails the first attempt of every run, then delivers."""

    failures = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).failures += 1
        if type(self).failures == 1:
            raise smtplib.SMTPServerDisconnected("a short outage")
        mail.outbox.extend(messages)
        return len(messages)


def submit(client, page, data, capture, **extra):
    with capture(execute=True):
        return client.post(page.url, data, **extra)


def test_whole_flow_from_a_service_page_to_the_status_check(
    client, page, service, centre, valid_data, django_capture_on_commit_callbacks
):
    caseworker = make_user("Caseworkers")
    service_page = client.get(service.url).content.decode()
    link = re.search(r'href="(/rantevou/\?[^"]+)"', service_page).group(1)
    link = link.replace("&amp;", "&")
    assert f"service={service.pk}" in link and f"location={centre.pk}" in link
    form = client.get(link).content.decode()
    assert f'<option value="{service.pk}" selected>' in form
    assert f'<option value="place-{centre.pk}" selected>' in form

    response = submit(client, page, valid_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    request = AppointmentRequest.objects.get()
    assert request.status == "new" and request.source == "web"
    assert request.service == service and request.location == centre
    assert request.phone == "+306912345678"
    assert request.preferred_days == [0, 3]
    assert request.privacy_notice_version == "1" and request.consented_at
    assert request.site_language == "el"
    assert list(request.history.values_list("action", flat=True)) == ["created"]

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert request.reference in thanks.content.decode()
    assert "27210" in thanks.content.decode()  # the centre's phone
    # What was asked is said back, with the service's checklist.
    said = thanks.content.decode().split("<main", 1)[1]
    assert service.title in said and centre.name in said
    assert "Δευτέρα" in said and "Πέμπτη" in said
    assert f'href="{service.url}ektyposi/"' in said
    assert "Ελένη" not in said

    confirmation, notice = mail.outbox
    assert confirmation.to == ["eleni@example.org"]
    assert request.reference in confirmation.subject
    assert "http://testserver/rantevou/katastasi/" in confirmation.body
    assert notice.to == [caseworker.email]
    assert f"/admin/appointments/inspect/{request.pk}/" in notice.body

    status_url = page.url + "katastasi/"
    found = client.post(status_url, {"reference": request.reference, "contact": "5678"})
    text = found.content.decode()
    with translation.override("el"):
        expected = plain_status(request)
    assert expected.startswith("Λάβαμε το αίτημά σας.")
    assert escape(expected) in text
    assert "Ελένη" not in text and "eleni@example.org" not in text

    wrong = client.post(status_url, {"reference": request.reference, "contact": "0000"})
    assert escape(expected) not in wrong.content.decode()

    # Once scheduled, the person who proved who they are reads when, where
    # and what to bring; a wrong contact reads none of it.
    request.status = "scheduled"
    request.scheduled_at = datetime.datetime(2026, 12, 3, 8, 30, tzinfo=datetime.UTC)
    request.save()
    found = client.post(status_url, {"reference": request.reference, "contact": "5678"})
    text = found.content.decode()
    assert "3 Δεκεμβρίου 2026, 10:30" in text  # Athens time
    assert centre.name in text
    assert f'href="{service.url}ektyposi/"' in text
    wrong = client.post(status_url, {"reference": request.reference, "contact": "0000"})
    assert "10:30" not in wrong.content.decode()
    assert wrong.status_code == 200


def test_nothing_is_sent_before_the_commit(client, page, valid_data):
    # Without running the on-commit callbacks, no e-mail leaves.
    client.post(page.url, valid_data())
    assert AppointmentRequest.objects.count() == 1
    assert mail.outbox == []


def test_the_english_form_stores_the_language_and_mails_in_english(
    client, page, service, valid_data, django_capture_on_commit_callbacks
):
    english = AppointmentPage.objects.get(locale__language_code="en")
    assert english.url == "/en/rantevou/"
    # The English form offers the English page of a translated service ...
    english_service = service.get_translation(english.locale)
    data = valid_data(service=str(english_service.pk))
    response = submit(client, english, data, django_capture_on_commit_callbacks)
    assert response["Location"].startswith("/en/rantevou/efcharistoume/")
    request = AppointmentRequest.objects.get()
    assert request.site_language == "en"
    # ... and the request counts the service once, under its Greek page.
    assert request.service == service
    assert (
        mail.outbox[0].subject == f"We have received your request {request.reference}"
    )


def test_phone_only_request_gets_no_email_but_caseworkers_are_told(
    client, page, valid_data, django_capture_on_commit_callbacks
):
    make_user("Caseworkers")
    submit(client, page, valid_data(email=""), django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["caseworkers@example.org"]]


def test_a_mobile_unit_visit_can_be_chosen(
    client, page, valid_data, django_capture_on_commit_callbacks
):
    form = client.get(page.url).content.decode()
    value = re.search(r'<option value="(visit-\d+-\d+)"', form).group(1)
    submit(client, page, valid_data(where=value), django_capture_on_commit_callbacks)
    request = AppointmentRequest.objects.get()
    assert request.location.kind == "mobile_stop"
    assert request.visit_event is not None
    assert int(request.visit_starts_at.timestamp()) == int(value.rsplit("-", 1)[1])


def test_form_with_errors_keeps_answers_and_summarises_them(client, page, valid_data):
    response = client.post(
        page.url,
        valid_data(phone="", email="", privacy_consent=None, where="place-0"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    for anchor in ("id_phone", "id_privacy_consent", "id_where"):
        assert f'href="#{anchor}"' in html
    assert 'value="Ελένη Δοκιμαστική"' in html
    assert 'aria-describedby="id_phone-error id_phone-hint"' in html
    assert not AppointmentRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"preferred_contact": "email", "email": ""}, "id_email"),
        ({"preferred_contact": "sms", "phone": ""}, "id_phone"),
    ],
)
def test_the_chosen_channel_needs_its_contact(client, page, valid_data, changes, field):
    response = client.post(page.url, valid_data(**changes))
    assert f'href="#{field}"' in response.content.decode()
    assert not AppointmentRequest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "channel"),
    [
        ({"phone": "", "preferred_contact": None}, "email"),
        ({"email": "", "preferred_contact": None}, "phone"),
        ({"preferred_contact": None}, "phone"),
    ],
)
def test_without_a_choice_the_channel_follows_what_was_given(
    client, page, valid_data, changes, channel
):
    response = client.post(page.url, valid_data(**changes))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().preferred_contact == channel


def test_errors_are_in_the_visitors_language(client, page, valid_data):
    response = client.post(page.url, valid_data(privacy_consent=None))
    with translation.override("el"):
        expected = escape(gettext("We can only keep your request with your consent."))
    assert expected != "We can only keep your request with your consent."
    assert expected in response.content.decode()


def test_honeypot_pretends_success_and_stores_nothing(client, page, valid_data):
    response = client.post(page.url, valid_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert not AppointmentRequest.objects.exists()


def test_form_sent_too_quickly_is_shown_again(client, page, valid_data):
    response = client.post(page.url, valid_data(started=started_token()))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not AppointmentRequest.objects.exists()


@override_settings(KENTRO_APPOINTMENT_RATE_LIMIT=2)
def test_too_many_requests_from_one_address_get_a_friendly_429(
    client, page, valid_data
):
    for _ in range(2):
        assert client.post(page.url, valid_data()).status_code == 302
    response = client.post(page.url, valid_data())
    assert response.status_code == 429
    assert "<h1>" in response.content.decode()
    assert AppointmentRequest.objects.count() == 2


@override_settings(KENTRO_APPOINTMENT_RATE_LIMIT=3)
def test_status_check_is_rate_limited(client, page):
    request = AppointmentRequestFactory()
    url = page.url + "katastasi/"
    for guess in ("0000", "0001", "0002"):
        assert client.post(url, {"reference": request.reference, "contact": guess})
    blocked = client.post(url, {"reference": request.reference, "contact": "5678"})
    assert blocked.status_code == 429


# The tampered token is made in the test: a signed, timed value in a test's id
# would differ between the test processes that collect it a second apart.
@pytest.mark.parametrize("forgery", ["x", "not-a-token", "tampered"])
def test_a_forged_thank_you_link_is_refused(client, page, forgery):
    token = thank_you_token("KK") + "A" if forgery == "tampered" else forgery
    response = client.get(f"{page.url}efcharistoume/{token}/")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", ["service=abc", "service=-1", "location=99999999999999999999", "x=1"]
)
def test_nonsense_preselection_shows_the_form(client, page, query):
    response = client.get(f"{page.url}?{query}")
    assert response.status_code == 200


@override_settings(EMAIL_BACKEND=f"{__name__}.FailingEmailBackend")
def test_mail_failure_keeps_the_request_and_tells_the_caseworkers(
    client, page, valid_data, django_capture_on_commit_callbacks
):
    response = submit(client, page, valid_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    request = AppointmentRequest.objects.get()
    assert "the mail server is down" in request.email_error
    assert "gave up after 1 attempts" in request.email_error
    assert request.history.filter(action=HistoryEntry.Action.EMAIL_FAILED).exists()


@override_settings(EMAIL_BACKEND=f"{__name__}.FlakyEmailBackend")
def test_mail_failure_then_retry_on_the_immediate_backend(
    page, valid_data, client, django_capture_on_commit_callbacks
):
    FlakyEmailBackend.failures = 0
    submit(client, page, valid_data(), django_capture_on_commit_callbacks)

    request = AppointmentRequest.objects.get()
    assert [message.to for message in mail.outbox] == [["eleni@example.org"]]
    assert request.email_error == ""


@pytest.mark.parametrize("path", ["", "katastasi/"])
def test_public_pages_use_few_queries(client, page, path):
    url = page.url + path
    client.get(url)  # warm the chrome cache, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 12, [query["sql"] for query in queries]


def test_thank_you_page_uses_few_queries(client, page):
    url = f"{page.url}efcharistoume/{thank_you_token('KK-7H4K-M2QD')}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert b"KK-7H4K-M2QD" in response.content
    assert len(queries) <= 12
