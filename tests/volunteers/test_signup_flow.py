import datetime
import smtplib
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.abuse import started_token
from volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer, VolunteerWithdrawal
from volunteers.tasks import build_message
from volunteers.tokens import confirmation_token, withdrawal_token

from .conftest import link_from


class FailingEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user(
        "coordinator",
        email="coordinator@example.org",
        password="x",  # noqa: S106
    )
    user.groups.add(Group.objects.get(name="Volunteer coordinators"))
    return user


def path_of(url):
    return url.removeprefix("http://testserver")


def sign_up(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data)


def test_whole_flow_from_form_to_confirmation_through_the_emailed_link(
    client,
    signup_url,
    valid_data,
    coordinator,
    volunteering,
    django_capture_on_commit_callbacks,
):
    response = sign_up(
        client, signup_url, valid_data(), django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/ethelontismos/efcharistoume/")
    thanks = client.get(response["Location"])
    assert "e-mail" in thanks.content.decode().lower()
    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.UNCONFIRMED
    assert volunteer.phone == "+306912345678"
    assert volunteer.skills == ["food", "digital"]
    assert volunteer.availability == ["0-morning", "5-evening"]
    assert list(volunteer.interests.all()) == [volunteering["food"]]
    assert volunteer.privacy_notice_version == "1"
    assert volunteer.consented_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eleni@example.org"]
    confirm_url = link_from(message, "/epivevaiosi/")
    assert "/apoxorisi/" in message.body

    # Opening the link shows a button; only sending it confirms.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path_of(confirm_url))

    assert confirmed.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.NEW
    assert volunteer.confirmed_at is not None
    notification = mail.outbox[-1]
    assert notification.to == ["coordinator@example.org"]
    assert f"/admin/volunteers/inspect/{volunteer.pk}/" in notification.body


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999999"])
def test_nonsense_preselection_shows_the_form(client, signup_url, value):
    response = client.get(f"{signup_url}?opportunity={value}")
    assert response.status_code == 200
    assert "checked" not in response.content.decode()


def test_opportunity_page_links_to_the_form_with_it_preselected(client, volunteering):
    tutoring = volunteering["tutoring"]
    page = client.get(tutoring.url)
    assert page.status_code == 200
    signup = f"/ethelontismos/eggrafi/?opportunity={tutoring.pk}"
    assert signup in page.content.decode()

    form = client.get(signup).content.decode()
    assert f'value="{tutoring.pk}"' in form
    checked = form.split(f'value="{tutoring.pk}"')[1].split(">")[0]
    assert "checked" in checked


def test_signing_up_again_changes_nothing_until_confirmed_from_the_mailbox(
    client, signup_url, valid_data, django_capture_on_commit_callbacks
):
    existing = VolunteerFactory(
        name="Ελένη Αρχική",
        email="eleni@example.org",
        status=Volunteer.Status.ACTIVE,
        notes="Ήρθε στη διανομή του Μαΐου.",
    )

    sign_up(
        client,
        signup_url,
        valid_data(name="Κάποιος Άλλος", email="Eleni@Example.org "),
        django_capture_on_commit_callbacks,
    )

    existing.refresh_from_db()
    assert existing.name == "Ελένη Αρχική"
    assert Volunteer.objects.exclude(status="unconfirmed").count() == 1
    confirm_url = link_from(mail.outbox[-1], "/epivevaiosi/")

    client.post(path_of(confirm_url))

    assert Volunteer.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Κάποιος Άλλος"
    assert existing.status == Volunteer.Status.ACTIVE
    assert existing.notes == "Ήρθε στη διανομή του Μαΐου."
    # The link was used up with the pending sign-up.
    again = client.post(path_of(confirm_url))
    assert again.status_code == 400


def test_expired_confirmation_link_is_refused(client, volunteering, monkeypatch):
    pending = VolunteerFactory(status=Volunteer.Status.UNCONFIRMED)
    token = confirmation_token(pending)
    later = time.time() + datetime.timedelta(days=7, minutes=1).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(f"/ethelontismos/epivevaiosi/{token}/")

    assert response.status_code == 400
    assert "7" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Volunteer.Status.UNCONFIRMED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
)
def test_tampered_confirmation_link_is_refused(client, volunteering, tamper):
    pending = VolunteerFactory(status=Volunteer.Status.UNCONFIRMED)

    response = client.post(
        f"/ethelontismos/epivevaiosi/{tamper(confirmation_token(pending))}/"
    )

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Volunteer.Status.UNCONFIRMED


def test_withdrawal_erases_personal_data_and_records_only_the_date(
    client, volunteering
):
    volunteer = VolunteerFactory(email="eleni@example.org")
    VolunteerFactory(email="eleni@example.org", status=Volunteer.Status.UNCONFIRMED)
    other = VolunteerFactory(email="nikos@example.org")
    url = f"/ethelontismos/apoxorisi/{withdrawal_token('eleni@example.org')}/"

    assert client.get(url).status_code == 200
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()
    response = client.post(url)

    assert response.status_code == 200
    assert not Volunteer.objects.filter(email="eleni@example.org").exists()
    assert Volunteer.objects.filter(pk=other.pk).exists()
    withdrawal = VolunteerWithdrawal.objects.get()
    assert withdrawal.withdrawn_on == timezone.localdate()


def test_withdrawal_page_mails_a_link_only_to_known_addresses(
    client, volunteering, django_capture_on_commit_callbacks
):
    VolunteerFactory(email="eleni@example.org")
    page = volunteering["index"].url + "apoxorisi/"
    assert client.get(page).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(page, {"email": "eleni@example.org"})
        unknown = client.post(page, {"email": "nobody@example.org"})

    assert known.content == unknown.content
    assert [message.to for message in mail.outbox] == [["eleni@example.org"]]
    withdraw_url = link_from(mail.outbox[0], "/apoxorisi/")
    client.post(path_of(withdraw_url))
    assert not Volunteer.objects.exists()


def test_tampered_withdrawal_link_erases_nothing(client, volunteering):
    VolunteerFactory(email="eleni@example.org")
    token = withdrawal_token("eleni@example.org")

    response = client.post(f"/ethelontismos/apoxorisi/{token}x/")

    assert response.status_code == 400
    assert Volunteer.objects.count() == 1
    assert not VolunteerWithdrawal.objects.exists()


def test_purge_command_deletes_only_old_unconfirmed_signups(db):
    old = VolunteerFactory(status=Volunteer.Status.UNCONFIRMED)
    recent = VolunteerFactory(status=Volunteer.Status.UNCONFIRMED)
    old_but_confirmed = VolunteerFactory(status=Volunteer.Status.NEW)
    Volunteer.objects.filter(pk__in=[old.pk, old_but_confirmed.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    Volunteer.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=29)
    )

    call_command("purge_unconfirmed_volunteers", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Volunteer.objects.values_list("pk", flat=True)) == {
        recent.pk,
        old_but_confirmed.pk,
    }


def test_form_with_errors_keeps_what_was_typed_and_summarises_errors(
    client, signup_url, valid_data
):
    response = client.post(
        signup_url,
        valid_data(email="not an address", phone="12", is_adult=None, availability=[]),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_phone"' in html
    assert 'href="#id_is_adult"' in html
    assert 'href="#id_availability_0"' in html
    assert 'value="Ελένη Δοκιμαστική"' in html
    assert 'aria-describedby="id_email-error id_email-hint"' in html
    assert not Volunteer.objects.exists()
    assert mail.outbox == []


def test_form_is_in_the_visitors_language(client, signup_url, valid_data):
    # The language is the site's (Greek at the root), whatever the browser says.
    response = client.post(
        signup_url, valid_data(is_adult=None), HTTP_ACCEPT_LANGUAGE="en"
    )
    with translation.override("el"):
        expected = escape(gettext("Volunteers must be 18 or over."))
    assert expected != "Volunteers must be 18 or over."
    assert expected in response.content.decode()


def test_honeypot_pretends_success_and_stores_nothing(client, signup_url, valid_data):
    response = client.post(signup_url, valid_data(homepage="http://spam.example"))

    assert response.status_code == 302
    assert not Volunteer.objects.exists()


def test_form_sent_too_quickly_is_shown_again(client, signup_url, valid_data):
    response = client.post(signup_url, valid_data(started=started_token()))

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not Volunteer.objects.exists()


@override_settings(KENTRO_VOLUNTEER_RATE_LIMIT=2)
def test_too_many_signups_from_one_address_get_a_friendly_429(
    client, signup_url, valid_data
):
    for number in range(2):
        ok = client.post(signup_url, valid_data(email=f"person{number}@example.org"))
        assert ok.status_code == 302

    response = client.post(signup_url, valid_data(email="person3@example.org"))

    assert response.status_code == 429
    assert "<h1>" in response.content.decode()
    assert Volunteer.objects.count() == 2


@override_settings(EMAIL_BACKEND=f"{__name__}.FailingEmailBackend")
def test_mail_failure_keeps_the_signup_and_is_recorded_for_staff(
    client, signup_url, valid_data, django_capture_on_commit_callbacks
):
    response = sign_up(
        client, signup_url, valid_data(), django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert "the mail server is down" in volunteer.email_error
    assert "confirm" in volunteer.email_error


def test_confirmation_email_is_in_the_language_of_the_signup(db):

    volunteer = VolunteerFactory(status=Volunteer.Status.UNCONFIRMED, language="en")
    subject, body, recipients = build_message(
        "confirm", volunteer, "http://testserver/en/ethelontismos/"
    )
    assert subject == "Please confirm your volunteer sign-up"
    assert "http://testserver/en/ethelontismos/epivevaiosi/" in body
    assert recipients == [volunteer.email]


@pytest.mark.parametrize(
    "path", ["", "eggrafi/", "efcharistoume/", "apoxorisi/", "dianomi-trofimon/"]
)
def test_public_pages_use_few_queries(client, volunteering, path):
    VolunteerFactory.create_batch(5, interests=[volunteering["food"]])
    url = volunteering["index"].url + path
    client.get(url)  # warm the chrome cache, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 12, [query["sql"] for query in queries]
