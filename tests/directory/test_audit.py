"""The directory audit (directory.audit): each rule, the command editors run
and the report in the admin."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from directory import audit
from directory.factories import (
    LocationFactory,
    OpeningHoursFactory,
    ServiceAtLocationFactory,
    ServicePageFactory,
)
from directory.models import Location, ServiceContact, ServicePage
from tests.staff import login_staff

pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

GOOD_SUMMARY = "Μηνιαία οικονομική βοήθεια για νοικοκυριά σε φτώχεια."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def service(directory):
    return ServicePageFactory(
        parent=directory,
        title="Επίδομα Θέρμανσης",
        slug="epidoma-thermansis",
        summary=GOOD_SUMMARY,
        email="info@kalamata.gr",
    )


@pytest.fixture
def office():
    location = LocationFactory(name="Κέντρο Κοινότητας", slug="kentro")
    OpeningHoursFactory(location=location)
    return location


def test_a_complete_service_and_place_have_no_findings(service, office):
    ServiceAtLocationFactory(service=service, location=office)
    assert audit.audit() == []


def test_a_description_under_six_words_is_a_finding(service):
    service.summary = "Βοήθεια για θέρμανση."
    findings = audit.short_description(service)
    assert [str(f) for f in findings] == [
        "Επίδομα Θέρμανσης (epidoma-thermansis) · summary: The description has 3 "
        "words; say in at least 6 what the service is and whom it helps."
    ]


def test_six_words_are_enough(service):
    service.summary = "ένα δύο τρία τέσσερα πέντε έξι"
    assert audit.short_description(service) == []


def test_a_service_nobody_can_contact_is_a_finding(service):
    service.email = ""
    service.save()
    [finding] = audit.no_way_to_contact(service)
    assert finding.record == "Επίδομα Θέρμανσης (epidoma-thermansis)"
    assert finding.field == "Contacts"
    assert "no way to contact" in finding.problem


@pytest.mark.parametrize("way", ["contact phone", "place with an address"])
def test_a_phone_or_a_place_is_a_way_to_contact(service, office, way):
    service.email = ""
    service.save()
    if way == "contact phone":
        ServiceContact.objects.create(service=service, name="Γραφείο", phone="27210")
    else:
        ServiceAtLocationFactory(service=service, location=office)
    assert audit.no_way_to_contact(service) == []


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("email", "info@kalamata", "e-mail"),
        ("website", "www kalamata gr", "website"),
        ("application_url", "ftp://kalamata.gr/form", "application"),
    ],
)
def test_a_malformed_service_address_is_a_finding(service, field, value, label):
    setattr(service, field, value)
    [finding] = audit.malformed_contacts(service)
    assert label in finding.field
    assert value in finding.problem
    assert "not valid" in finding.problem


def test_a_malformed_contact_phone_names_the_contact(service):
    ServiceContact.objects.create(service=service, name="Γραμματεία", phone="12")
    [finding] = audit.malformed_contacts(service)
    assert finding.record == "Επίδομα Θέρμανσης (epidoma-thermansis) · Γραμματεία"
    assert finding.field == "phone"
    assert finding.problem == "This phone number is not valid. (12)"


def test_a_greek_or_international_phone_is_fine(service):
    ServiceContact.objects.create(service=service, name="Α", phone="27210 12345")
    ServiceContact.objects.create(service=service, name="Β", phone="+44 20 7946 0958")
    assert audit.malformed_contacts(service) == []


def test_a_malformed_place_email_is_a_finding(office):
    office.email = "kentro@[127.0.0.1]"
    [finding] = audit.malformed_location_contacts(office)
    assert finding.record == "Κέντρο Κοινότητας (kentro)"
    assert finding.field == "e-mail"


def test_a_place_without_coordinates_is_a_finding(office):
    office.latitude = None
    [finding] = audit.location_without_coordinates(office)
    assert finding.record == "Κέντρο Κοινότητας (kentro)"
    assert "map point" in finding.problem


def test_a_place_without_hours_is_a_finding():
    location = LocationFactory(name="Παράρτημα", slug="parartima")
    [finding] = audit.location_without_hours(location)
    assert finding.field == "Opening hours"


def test_an_online_place_needs_no_coordinates_or_hours():
    online = LocationFactory(kind=Location.Kind.VIRTUAL, latitude=None, longitude=None)
    assert audit.location_without_coordinates(online) == []
    assert audit.location_without_hours(online) == []


def test_the_command_prints_one_line_per_finding_in_greek(service):
    # As a file imported before the checks, or an old record, left them: the
    # editor's form would refuse the e-mail address.
    ServicePage.objects.filter(pk=service.pk).update(
        summary="Βοήθεια.", email="όχι-email"
    )
    out = io.StringIO()
    call_command("audit_directory", stdout=out)
    lines = out.getvalue().splitlines()

    assert len(lines) == 3
    assert lines[0].startswith("Επίδομα Θέρμανσης (epidoma-thermansis) · ")
    assert all(" · " in line for line in lines[:2])
    assert lines[-1] == "2 ευρήματα."


def test_the_command_says_when_there_is_nothing_to_fix(service, office):
    ServiceAtLocationFactory(service=service, location=office)
    out = io.StringIO()
    call_command("audit_directory", "--language", "en", stdout=out)
    assert out.getvalue().strip() == "No findings: the directory looks complete."


def staff(client, django_user_model, group):
    user = django_user_model.objects.create_user("staff", "s@example.org", "pw")
    user.is_staff = True
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    login_staff(client, user)
    return client


def test_editors_read_the_audit_as_a_report(client, django_user_model, service):
    service.summary = "Βοήθεια."
    service.save_revision().publish()
    editor = staff(client, django_user_model, "Editors")

    response = editor.get("/admin/reports/directory-audit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Επίδομα Θέρμανσης (epidoma-thermansis)" in html
    assert "/admin/reports/directory-audit/" in editor.get("/admin/").content.decode()


def test_staff_who_do_not_edit_the_directory_cannot_see_the_report(
    client, django_user_model
):
    caseworker = staff(client, django_user_model, "Caseworkers")

    assert caseworker.get("/admin/reports/directory-audit/").status_code in (302, 403)
    assert "directory-audit" not in caseworker.get("/admin/").content.decode()
