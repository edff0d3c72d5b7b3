"""The donation pledge form: bad input comes back with errors and stores
nothing; a good pledge is stored, then mailed; donors are forgotten later;
only the goods coordinators see pledges."""

import datetime
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import retention
from core.abuse import started_token
from directory import calendar
from directory.models import Location
from goods.models import NeedsPage, Pledge
from goods.pledges import mark_received
from tests.goods.conftest import login_as, make_user, page_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return Location.objects.get(slug="kentro-koinotitas", locale__language_code="el")


@pytest.fixture
def grocery():
    return Location.objects.get(
        slug="apothiki-pantopoleiou", locale__language_code="el"
    )


def first_day(location, wanted):
    day = calendar.today() + datetime.timedelta(days=1)
    while wanted != bool(calendar.hours_on(location, day)):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def valid(centre):
    def make(**changes):
        data = {
            "category": "food",
            "what": "Όσπρια και λάδι",
            "amount": "δύο σακούλες",
            "bring_on": first_day(centre, wanted=True).isoformat(),
            "drop_off_location": str(centre.pk),
            "name": "Νίκος Δωρητής",
            "phone": "6912345678",
            "email": "nikos@example.org",
            "privacy_consent": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def send(client, page, data, language="el"):
    return client.post(page_url(page, language) + "prosfora/", data)


def test_valid_pledge_is_stored_then_mailed_in_the_donors_language(
    client, demo_needs_page, valid, centre, django_capture_on_commit_callbacks
):
    make_user("Goods coordinators")
    with django_capture_on_commit_callbacks(execute=True):
        english = NeedsPage.objects.get(locale__language_code="en")
        where = english.drop_off_points.order_by("sort_order").first().location_id
        response = send(
            client, demo_needs_page, valid(drop_off_location=str(where)), "en"
        )
    assert response.status_code == 302
    assert response["Location"].endswith("/efcharistoume/")
    pledge = Pledge.objects.get()
    assert (pledge.what, pledge.drop_off_location_id, pledge.language) == (
        "Όσπρια και λάδι",
        where,
        "en",
    )
    assert pledge.phone == "+306912345678"
    donor = next(m for m in mail.outbox if m.to == ["nikos@example.org"])
    assert donor.subject == "Thank you: your donation pledge"
    assert "Όσπρια και λάδι" in donor.body
    staff = next(m for m in mail.outbox if m.to == ["goods@example.org"])
    assert "Νέα δέσμευση δωρεάς" in staff.subject
    assert "Νίκος" not in staff.body  # the name stays in the admin
    thanks = client.get(response["Location"])
    assert "Thank you for your pledge" in thanks.content.decode()


def test_pledge_without_e_mail_is_kept_and_only_staff_hear(
    client, demo_needs_page, valid, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, demo_needs_page, valid(email=""))
    assert Pledge.objects.count() == 1
    assert all(message.to != ["nikos@example.org"] for message in mail.outbox)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "category": "",
                "what": "",
                "bring_on": "",
                "name": "",
                "phone": "",
                "email": "",
                "privacy_consent": None,
                "drop_off_location": "",
            },
            "Δώστε έναν αριθμό τηλεφώνου ή μια διεύθυνση e-mail.",
        ),
        ({"bring_on": "2020-01-06"}, "Επιλέξτε σήμερα ή μια επόμενη ημέρα."),
        ({"bring_on": "not a day"}, "Γράψτε μια ημερομηνία"),
        (
            {"phone": "", "email": ""},
            "Δώστε έναν αριθμό τηλεφώνου ή μια διεύθυνση e-mail.",
        ),
        ({"privacy_consent": None}, "Μπορούμε να κρατήσουμε τη δέσμευσή σας"),
        ({"drop_off_location": "99999999999999999999"}, "έγκυρη επιλογή"),
    ],
)
def test_bad_pledge_comes_back_with_errors_and_stores_nothing(
    client, demo_needs_page, valid, changes, message
):
    response = send(client, demo_needs_page, valid(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert message in html
    assert 'id="pledge"' in html
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_closed_day_at_the_drop_off_point_is_refused(
    client, demo_needs_page, valid, centre
):
    closed = first_day(centre, wanted=False)
    response = send(client, demo_needs_page, valid(bring_on=closed.isoformat()))
    assert "Το σημείο παράδοσης είναι κλειστό εκείνη την ημέρα." in (
        response.content.decode()
    )
    assert Pledge.objects.count() == 0


def test_point_that_does_not_take_the_goods_is_refused(
    client, demo_needs_page, valid, grocery
):
    response = send(
        client,
        demo_needs_page,
        valid(
            category="clothing",
            drop_off_location=str(grocery.pk),
            bring_on=first_day(grocery, wanted=True).isoformat(),
        ),
    )
    assert "Αυτό το σημείο δεν δέχεται" in response.content.decode()
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_errors_are_in_the_visitors_language(client, demo_needs_page, valid, language):
    html = send(
        client, demo_needs_page, valid(bring_on="2020-01-06"), language
    ).content.decode()
    expected = {"en": "Choose today or a later day.", "ar": "اختر اليوم أو يومًا لاحقًا."}
    assert expected[language] in html


def test_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(
    client, demo_needs_page, valid
):
    response = send(client, demo_needs_page, valid(homepage="http://spam.example"))
    assert response.status_code == 302
    assert Pledge.objects.count() == 0


def test_too_many_pledges_from_one_address_are_refused(
    client, demo_needs_page, valid, settings
):
    settings.KENTRO_PLEDGE_RATE_LIMIT = 1
    send(client, demo_needs_page, valid())
    response = send(client, demo_needs_page, valid(what="Ρύζι"))
    assert response.status_code == 429
    assert Pledge.objects.count() == 1


def test_purge_forgets_donors_ninety_days_after_the_drop_off(centre):
    now = timezone.now()
    old = Pledge.objects.create(
        category="food",
        what="Λάδι",
        bring_on=now.date() - datetime.timedelta(91),
        drop_off_location=centre,
        name="Ελένη",
        phone="+306900000000",
        email="eleni@example.org",
        language="el",
        privacy_notice_version="1",
        consented_at=now,
    )
    recent = Pledge.objects.create(
        category="food",
        what="Ρύζι",
        bring_on=now.date() - datetime.timedelta(10),
        drop_off_location=centre,
        name="Μαρία",
        phone="+306900000001",
        language="el",
        privacy_notice_version="1",
        consented_at=now,
    )
    results = [
        count for _rule, count in retention.purge_all(now=now, only=["goods.pledges"])
    ]
    assert results == [1]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.email, old.what) == ("", "", "", "Λάδι")
    assert old.anonymised_at is not None
    assert recent.name == "Μαρία"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("Goods coordinators", True), ("Editors", False), ("Caseworkers", False)],
)
def test_only_goods_coordinators_see_pledges(client, centre, role, allowed):
    Pledge.objects.create(
        category="baby",
        what="Πάνες No 4",
        bring_on=calendar.today(),
        drop_off_location=centre,
        name="Ελένη Δωρήτρια",
        phone="+306900000000",
        language="el",
        privacy_notice_version="1",
        consented_at=timezone.now(),
    )
    login_as(client, role)
    response = client.get(reverse("goods_pledges:index"))
    html = response.content.decode()
    assert ("Πάνες No 4" in html) == allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_coordinator_filters_by_category_and_day_and_marks_received(client, centre):
    def pledge(category, what, day):
        return Pledge.objects.create(
            category=category,
            what=what,
            bring_on=day,
            drop_off_location=centre,
            phone="+306900000000",
            language="el",
            privacy_notice_version="1",
            consented_at=timezone.now(),
        )

    today = calendar.today()
    nappies = pledge("baby", "Πάνες No 4", today)
    pledge("food", "Φακές", today)
    pledge("baby", "Βρεφικό γάλα", today + datetime.timedelta(days=9))
    login_as(client, "Goods coordinators")
    html = client.get(
        reverse("goods_pledges:index"),
        {
            "category": "baby",
            "bring_on_after": today.isoformat(),
            "bring_on_before": today.isoformat(),
        },
    ).content.decode()
    assert "Πάνες No 4" in html
    assert "Φακές" not in html and "Βρεφικό γάλα" not in html

    response = client.post(
        reverse("goods_pledges:edit", args=[nappies.pk]),
        {"status": "received", "staff_note": ""},
    )
    assert response.status_code == 302
    nappies.refresh_from_db()
    assert nappies.status == "received" and nappies.received_at is not None


def test_mark_received_stamps_the_time(centre):
    pledge = Pledge.objects.create(
        category="food",
        what="Λάδι",
        bring_on=calendar.today(),
        drop_off_location=centre,
        phone="1",
        language="el",
        privacy_notice_version="1",
        consented_at=timezone.now(),
    )
    mark_received(pledge)
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    assert pledge.received_at is not None


def test_the_arabic_donor_reads_the_drop_off_point_in_arabic(
    client, demo_needs_page, valid, centre, django_capture_on_commit_callbacks
):
    arabic = NeedsPage.objects.get(locale__language_code="ar")
    where = arabic.drop_off_points.order_by("sort_order").first().location
    with django_capture_on_commit_callbacks(execute=True):
        send(client, demo_needs_page, valid(drop_off_location=str(where.pk)), "ar")
    donor = next(m for m in mail.outbox if m.to == ["nikos@example.org"])
    place = where.get_translation(arabic.locale)
    greek = where.get_translation(centre.locale)
    assert place.name in donor.body and greek.name not in donor.body
    assert "مركز المجتمع في كالاماتا" in donor.from_email
    # The centre's phone keeps its order inside the Arabic text.
    assert "\u206627210 99100\u2069" in donor.body
