""" "Is something wrong on this page?" (issue #25): every service, location
and organisation page links to a short form; bad input comes back with the
errors in the visitor's language and stores nothing; a report reaches the
editors' queue, and the visitor who asked is told of the fix in their
language, then forgotten; the freshness figure sits beside the appointment
figures."""

import datetime
import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from core import retention
from core.abuse import started_token
from directory import corrections
from directory.models import (
    CorrectionReport,
    DirectoryPage,
    Location,
    Organisation,
    ServicePage,
)
from tests.goods.conftest import login_as

pytestmark = pytest.mark.django_db

LINK_TEXT = {
    "el": "Υπάρχει κάποιο λάθος σε αυτή τη σελίδα;",
    "en": "Is something wrong on this page?",
    "ar": "هل هناك خطأ في هذه الصفحة؟",
}


def directory_in(language):
    return DirectoryPage.objects.live().get(locale__language_code=language)


def records_in(language):
    """(public page address, form address, record) of a service, an
    organisation and a location of the demo in ``language``."""
    directory = directory_in(language)
    service = ServicePage.objects.live().child_of(directory).order_by("pk").first()
    organisation = Organisation.objects.filter(locale_id=directory.locale_id).first()
    location = Location.objects.filter(locale_id=directory.locale_id).first()
    return [
        (service.url, service.route_url("correction"), service),
        (
            directory.route_url("organisation", organisation.slug),
            directory.route_url("organisation_correction", organisation.slug),
            organisation,
        ),
        (
            directory.route_url("location", location.slug),
            directory.route_url("location_correction", location.slug),
            location,
        ),
    ]


def greek_service():
    directory = directory_in("el")
    return ServicePage.objects.live().child_of(directory).order_by("pk").first()


def valid(**changes):
    data = {
        "kind": "phone",
        "details": "Το σωστό τηλέφωνο είναι 27210 12345.",
        "email": "",
        "homepage": "",
        "started": started_token(time.time() - 60),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_every_directory_page_links_to_its_form(client, demo_site, language):
    for page_url, form_url, _record in records_in(language):
        page = client.get(page_url)
        html = page.content.decode()
        assert page.status_code == 200
        assert f'href="{form_url}"' in html
        assert LINK_TEXT[language] in html
        # The record's page stays cacheable: a plain link, no token.
        assert "csrfmiddlewaretoken" not in html
        form = client.get(form_url)
        form_html = form.content.decode()
        assert form.status_code == 200
        assert f"<h1>{LINK_TEXT[language]}</h1>" in form_html
        assert "csrfmiddlewaretoken" in form_html
        assert "<legend" in form_html and 'type="radio"' in form_html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": None}, "Επιλέξτε τι είναι λάθος."),
        ({"kind": "everything"}, 'id="id_kind-error"'),
        ({"details": "α" * 501}, 'id="id_details-error"'),
        ({"email": "not an address", "tell_me": "on"}, 'id="id_email-error"'),
        (
            {"email": "eleni@example.org"},
            "Επιλέξτε το κουτάκι αν θέλετε να σας γράψουμε",
        ),
        ({"tell_me": "on"}, "Γράψτε τη διεύθυνση e-mail στην οποία"),
        ({"started": "tampered"}, "Η φόρμα στάλθηκε πολύ γρήγορα"),
    ],
)
def test_bad_report_comes_back_with_errors_and_stores_nothing(
    client, demo_site, changes, message
):
    page = greek_service()
    response = client.post(page.route_url("correction"), valid(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert message in html
    assert CorrectionReport.objects.count() == 0


def test_an_error_is_linked_to_its_field(client, demo_site):
    page = greek_service()
    html = client.post(
        page.route_url("correction"), valid(email="x@", tell_me="on")
    ).content.decode()
    assert 'aria-describedby="id_email-error id_email-hint"' in html
    assert 'href="#id_email"' in html


def test_errors_are_in_the_visitors_language(client, demo_site):
    _url, form_url, _record = records_in("ar")[2]
    html = client.post(form_url, valid(kind=None)).content.decode()
    assert "اختر ما هو الخطأ." in html
    assert CorrectionReport.objects.count() == 0


@pytest.mark.parametrize("which", [0, 1, 2])
def test_valid_report_is_stored_about_its_record_then_thanked(client, demo_site, which):
    page_url, form_url, record = records_in("en")[which]
    response = client.post(
        form_url, valid(kind="hours", email="Eleni@Example.org", tell_me="on")
    )
    assert response.status_code == 302
    assert response["Location"] == form_url + "efcharistoume/"
    report = CorrectionReport.objects.get()
    assert report.record == record
    assert (report.kind, report.language, report.status) == ("hours", "en", "new")
    assert report.email == "eleni@example.org"
    assert report.consented_at is not None
    assert report.page_url.endswith(page_url)
    assert mail.outbox == []  # the editors read the queue
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for telling us" in thanks.content.decode()


def test_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client, demo_site):
    page = greek_service()
    response = client.post(
        page.route_url("correction"), valid(homepage="http://spam.example")
    )
    assert response.status_code == 302
    assert CorrectionReport.objects.count() == 0


def test_too_many_reports_from_one_address_are_refused(client, demo_site, settings):
    settings.KENTRO_CORRECTION_RATE_LIMIT = 1
    page = greek_service()
    client.post(page.route_url("correction"), valid())
    response = client.post(page.route_url("correction"), valid(kind="moved"))
    assert response.status_code == 429
    assert CorrectionReport.objects.count() == 1


def report_about(record, **fields):
    values = {
        "record_name": str(record),
        "page_url": "https://kentro.example/page/",
        "kind": "phone",
        "language": "el",
        **corrections.about(record),
    }
    values.update(fields)
    return CorrectionReport.objects.create(**values)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("Editors", True),
        ("Moderators", True),
        ("Caseworkers", False),
        ("Volunteer coordinators", False),
    ],
)
def test_only_editors_and_moderators_see_the_queue(client, demo_site, role, allowed):
    report_about(greek_service(), details="Λάθος τηλέφωνο γραμματείας")
    login_as(client, role)
    response = client.get(reverse("directory_corrections:index"))
    html = response.content.decode()
    assert ("Λάθος τηλέφωνο" in html or greek_service().title in html) == allowed
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_anonymous_visitor_is_sent_to_the_login(client, demo_site):
    response = client.get(reverse("directory_corrections:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_queue_lists_new_reports_first_and_filters(client, demo_site):
    service = greek_service()
    location = Location.objects.filter(locale__language_code="el").first()
    fixed = report_about(
        service, status="fixed", resolved_at=timezone.now(), record_name="ΠΡΩΤΗ"
    )
    new = report_about(location, kind="hours", record_name="ΔΕΥΤΕΡΗ")
    CorrectionReport.objects.filter(pk=new.pk).update(
        created_at=fixed.created_at - datetime.timedelta(days=3)
    )
    login_as(client, "Editors")
    html = client.get(reverse("directory_corrections:index")).content.decode()
    assert html.index("ΔΕΥΤΕΡΗ") < html.index("ΠΡΩΤΗ")
    # A link to the record's editor and to the public page.
    edit_location = reverse(
        Location.snippet_viewset.get_url_name("edit"), args=[location.pk]
    )
    assert f'href="{edit_location}"' in html
    assert reverse("wagtailadmin_pages:edit", args=[service.pk]) in html
    filtered = client.get(
        reverse("directory_corrections:index"), {"status": "fixed"}
    ).content.decode()
    assert "ΠΡΩΤΗ" in filtered and "ΔΕΥΤΕΡΗ" not in filtered
    by_kind = client.get(
        reverse("directory_corrections:index"), {"kind": "hours"}
    ).content.decode()
    assert "ΔΕΥΤΕΡΗ" in by_kind and "ΠΡΩΤΗ" not in by_kind


def test_marking_fixed_tells_the_reporter_in_arabic_then_forgets_the_address(
    client, demo_site, django_capture_on_commit_callbacks
):
    _url, form_url, location = records_in("ar")[2]
    client.post(form_url, valid(email="amal@example.org", tell_me="on"))
    report = CorrectionReport.objects.get()
    assert report.language == "ar"
    login_as(client, "Editors")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory_corrections:edit", args=[report.pk]),
            {"status": "fixed", "staff_note": "Άλλαξε το τηλέφωνο"},
        )
    assert response.status_code == 302
    told = [message for message in mail.outbox if message.to == ["amal@example.org"]]
    assert len(told) == 1
    assert told[0].subject == "شكرًا لك: تم تصحيح المعلومات التي أبلغت عنها"
    assert location.name in told[0].body
    report.refresh_from_db()
    assert report.status == "fixed" and report.resolved_at is not None
    assert report.staff_note == "Άλλαξε το τηλέφωνο"
    assert report.email == "" and report.notified_at is not None


def test_a_mail_failure_keeps_the_fix_and_the_address_for_another_try(
    demo_site, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    report = report_about(greek_service(), email="eleni@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        corrections.resolve(report, CorrectionReport.Status.FIXED)
    report.refresh_from_db()
    assert report.status == "fixed"
    assert report.email == "eleni@example.org"
    assert report.notified_at is None
    assert "mail server down" in report.email_error


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError("mail server down")


def test_dismissing_forgets_the_address_and_writes_nothing(
    demo_site, django_capture_on_commit_callbacks
):
    report = report_about(greek_service(), email="eleni@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        corrections.resolve(report, CorrectionReport.Status.DISMISSED, "Σωστό ήταν")
    report.refresh_from_db()
    assert (report.status, report.email) == ("dismissed", "")
    assert mail.outbox == []


def test_purge_forgets_addresses_after_ninety_days(demo_site):
    now = timezone.now()
    old = report_about(greek_service(), email="old@example.org")
    recent = report_about(greek_service(), email="recent@example.org")
    CorrectionReport.objects.filter(pk=old.pk).update(
        created_at=now - datetime.timedelta(days=91)
    )
    results = dict(retention.purge_all(now=now, only=["directory.corrections"]))
    assert list(results.values()) == [1]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.email == "" and old.kind == "phone"
    assert recent.email == "recent@example.org"


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_median_days_to_fix():
    day = datetime.date(2026, 11, 2)
    pairs = [
        (at(day), at(day, 18)),  # same day: 0
        (at(day), at(day + datetime.timedelta(days=3))),
        (at(day), at(day + datetime.timedelta(days=10))),
        (at(day), at(day + datetime.timedelta(days=4))),
    ]
    assert corrections.median_days_to_fix(pairs) == 3.5
    assert corrections.median_days_to_fix(pairs[:3]) == 3
    assert corrections.median_days_to_fix([]) is None


def test_monthly_freshness_counts_by_the_month_of_the_report(demo_site):
    service = greek_service()
    november = datetime.date(2026, 11, 1)
    october = datetime.date(2026, 10, 1)

    def reported(day, fixed_after=None, status="fixed"):
        report = report_about(service)
        resolved = (
            at(day + datetime.timedelta(days=fixed_after))
            if fixed_after is not None
            else None
        )
        CorrectionReport.objects.filter(pk=report.pk).update(
            created_at=at(day),
            status=status if resolved else "new",
            resolved_at=resolved,
        )

    reported(datetime.date(2026, 10, 30), fixed_after=5)  # October's, fixed later
    reported(datetime.date(2026, 11, 3), fixed_after=1)
    reported(datetime.date(2026, 11, 10), fixed_after=7)
    reported(datetime.date(2026, 11, 12))  # still open
    reported(datetime.date(2026, 11, 20), fixed_after=2, status="dismissed")
    october_row, november_row = corrections.monthly_freshness([october, november])
    assert (october_row.received, october_row.fixed, october_row.median_days) == (
        1,
        1,
        5,
    )
    assert (november_row.received, november_row.fixed) == (4, 2)
    assert november_row.median_days == 4


def test_appointment_figures_show_the_freshness_beside_them(client, demo_site):
    report_about(greek_service(), status="fixed", resolved_at=timezone.now())
    login_as(client, "Caseworkers")
    html = client.get(reverse("appointments:report")).content.decode()
    assert "Επικαιρότητα του καταλόγου" in html
