"""One mailbox, one volunteer: an address with a Greek domain is the same
whether the browser sent it in Greek (Firefox) or in punycode (Chromium),
in any case, for signing up, withdrawing and the merge of old duplicates."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from core.forms import EmailAddressField, normalise_email
from volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer

from .conftest import link_from
from .test_admin import login_as
from .test_signup_flow import path_of, sign_up

PUNYCODE = "eleni@xn--hxajbheg2az3al.xn--qxam"
GREEK = "Eleni@Παράδειγμα.ελ"


@pytest.mark.parametrize(
    "typed",
    [GREEK, " eleni@ΠΑΡΆΔΕΙΓΜΑ.ΕΛ ", PUNYCODE, "ELENI@xn--hxajbheg2az3al.xn--qxam"],
)
def test_one_form_for_every_spelling(typed):
    assert normalise_email(typed) == PUNYCODE
    assert EmailAddressField().clean(typed) == PUNYCODE


def test_a_bad_domain_is_still_refused():
    with pytest.raises(Exception, match="e-mail|email|διεύθυνση"):
        EmailAddressField().clean("eleni@παρά--δειγμα")


def test_signing_up_in_greek_updates_the_punycode_volunteer(
    client, signup_url, valid_data, django_capture_on_commit_callbacks
):
    existing = VolunteerFactory(email=PUNYCODE, status=Volunteer.Status.ACTIVE)

    sign_up(
        client,
        signup_url,
        valid_data(email=GREEK),
        django_capture_on_commit_callbacks,
    )
    client.post(path_of(link_from(mail.outbox[-1], "/epivevaiosi/")))

    assert Volunteer.objects.exclude(status="unconfirmed").get() == existing


def test_withdrawal_asked_in_greek_reaches_the_punycode_volunteer(
    client, volunteering, django_capture_on_commit_callbacks
):
    VolunteerFactory(email=PUNYCODE)
    page = volunteering["index"].url + "apoxorisi/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"email": GREEK})

    assert [message.to for message in mail.outbox] == [[PUNYCODE]]
    client.post(path_of(link_from(mail.outbox[0], "/apoxorisi/")))
    assert not Volunteer.objects.exists()


def test_old_duplicates_are_merged_and_the_coordinators_told(client, db):
    oldest = VolunteerFactory(
        email=PUNYCODE,
        status=Volunteer.Status.ACTIVE,
        skills=["food"],
        phone="",
        notes="Ήρθε τον Μάιο.",
    )
    # Stored before addresses had one form: the same mailbox, in Greek.
    second = VolunteerFactory(
        email="placeholder@example.org",
        name="Ελένη Δεύτερη",
        skills=["tutoring"],
        phone="+306900000000",
    )
    Volunteer.objects.filter(pk=second.pk).update(email="eleni@παράδειγμα.ελ")
    other = VolunteerFactory(email="Other@Example.org")

    migration = importlib.import_module(
        "volunteers.migrations.0006_merge_duplicate_emails"
    )
    migration.merge_duplicates(apps, None)

    assert set(Volunteer.objects.values_list("pk", flat=True)) == {oldest.pk, other.pk}
    oldest.refresh_from_db()
    assert oldest.skills == ["food", "tutoring"]
    assert oldest.phone == "+306900000000"
    assert oldest.notes.startswith("Ήρθε τον Μάιο.\nΣυγχωνεύτηκε")
    assert "Ελένη Δεύτερη" in oldest.notes
    other.refresh_from_db()
    assert other.email == "other@example.org"
    login_as(client, "Volunteer coordinators")
    html = client.get(reverse("volunteers:inspect", args=[oldest.pk])).content
    assert "Συγχωνεύτηκε" in html.decode()
