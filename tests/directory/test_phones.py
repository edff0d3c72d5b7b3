"""A location's and an organisation's phones (HSDS 3.0 lets both have several):
kept whole through an import → export, JSON or the tabular package; the first
one, with its extension, on the pages; every one checked by the audit."""

import copy
import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from directory.audit import audit
from directory.factories import LocationFactory, OrganisationFactory
from directory.hsds import serialise
from directory.hsds.importer import HSDSImportError, import_services
from directory.models import Location, LocationPhone, Organisation, OrganisationPhone
from tests.directory.test_hsds_export import empty_the_directory
from tests.staff import login_staff

RECEPTION = {
    "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c21",
    "number": "27310 93000",
    "extension": 215,
    "type": "voice",
    "description": "Γραμματεία, Δευτέρα με Παρασκευή 08:00–14:00",
}
FAX = {
    "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c22",
    "number": "27310 93099",
    "type": "fax",
}
HOSPITAL_PHONE = {
    "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c31",
    "number": "27310 93100",
    "extension": 1,
    "type": "voice",
    "description": "Τηλεφωνικό κέντρο",
}


@pytest.fixture
def hospital_file():
    """A Greek service at a hospital in Λακωνία with two phones (one with an
    extension); the hospital, as the organisation, has one."""
    return {
        "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c01",
        "name": "Κοινωνική Υπηρεσία Νοσοκομείου",
        "status": "active",
        "organization": {
            "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c02",
            "name": "Γενικό Νοσοκομείο Σπάρτης",
            "description": "Νοσοκομείο της Λακωνίας.",
            "phones": [HOSPITAL_PHONE],
        },
        "service_at_locations": [
            {
                "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c03",
                "location": {
                    "id": "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c04",
                    "location_type": "physical",
                    "name": "Νοσοκομείο Σπάρτης, Κοινωνική Υπηρεσία",
                    "phones": [RECEPTION, FAX],
                },
            }
        ],
    }


def _exported():
    (service,) = serialise.export_services()
    return service


def _location(service):
    return service["service_at_locations"][0]["location"]


@pytest.mark.usefixtures("empty_directory")
def test_both_phones_of_a_location_come_back_with_ids_extension_and_types(
    home, hospital_file
):
    import_services(hospital_file)

    location = Location.objects.get()
    assert [str(phone) for phone in location.phones.all()] == [
        "27310 93000, εσωτ. 215",
        "27310 93099",
    ]
    service = _exported()
    assert _location(service)["phones"] == [RECEPTION, FAX]
    assert service["organization"]["phones"] == [HOSPITAL_PHONE]


@pytest.mark.usefixtures("empty_directory")
def test_the_phones_survive_export_import_export_into_an_empty_site(
    home, hospital_file
):
    import_services(hospital_file)
    first = serialise.export_services()
    empty_the_directory()
    import_services(json.loads(json.dumps(first)))
    assert serialise.export_services() == first
    assert OrganisationPhone.objects.get().extension == 1


@pytest.mark.usefixtures("empty_directory")
def test_an_unchanged_file_keeps_the_phone_rows_and_a_changed_one_replaces_them(
    home, hospital_file
):
    import_services(hospital_file)
    before = list(LocationPhone.objects.values_list("pk", flat=True))
    import_services(copy.deepcopy(hospital_file))
    assert list(LocationPhone.objects.values_list("pk", flat=True)) == before

    location = hospital_file["service_at_locations"][0]["location"]
    location["phones"] = [FAX]
    import_services(hospital_file)
    assert _location(_exported())["phones"] == [FAX]


@pytest.mark.usefixtures("empty_directory")
def test_a_phone_type_outside_the_standard_is_refused_by_name(home, hospital_file):
    location = hospital_file["service_at_locations"][0]["location"]
    location["phones"] = [{**FAX, "type": "telegraph"}]
    with pytest.raises(HSDSImportError, match=r"location\.phones\[0\]\.type"):
        import_services(hospital_file)
    assert not Location.objects.exists()


@pytest.mark.usefixtures("empty_directory")
def test_the_tabular_package_keeps_both_phones_and_their_owners(
    home, hospital_file, tmp_path
):
    import_services(hospital_file)
    from_json = serialise.export_services()
    first = tmp_path / "first"
    call_command("export_hsds", str(first), "--format", "csv", stdout=io.StringIO())
    text = (first / "phones.csv").read_text("utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    location_id = "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c04"
    assert rows[RECEPTION["id"]]["location_id"] == location_id
    assert rows[RECEPTION["id"]]["extension"] == "215"
    assert rows[RECEPTION["id"]]["type"] == "voice"
    assert rows[FAX["id"]]["location_id"] == location_id
    assert rows[HOSPITAL_PHONE["id"]]["organization_id"] == (
        "5b0e8a7c-3f2d-4c1a-9e6b-7d8f9a0b1c02"
    )

    empty_the_directory()
    call_command("import_hsds", str(first), stdout=io.StringIO())
    assert serialise.export_services() == from_json
    second = tmp_path / "second"
    call_command("export_hsds", str(second), "--format", "csv", stdout=io.StringIO())
    assert (second / "phones.csv").read_text("utf-8") == text


def test_the_location_page_shows_the_first_phone_with_its_extension(client, catalogue):
    office = Location.objects.get(slug="kentro")
    LocationPhone.objects.create(
        location=office, number="27210 99100", extension=12, sort_order=0
    )
    LocationPhone.objects.create(location=office, number="27210 99199", sort_order=1)

    html = client.get(catalogue.url + "topothesies/kentro/").content.decode()
    assert '<a href="tel:2721099100,12">27210 99100, εσωτ. 12</a>' in html
    assert "27210 99199" not in html


def test_the_organisation_page_shows_its_first_phone(client, catalogue):
    OrganisationPhone.objects.create(
        organisation=Organisation.objects.get(slug="dimos"),
        number="27213 60700",
        sort_order=0,
    )
    html = client.get(catalogue.url + "foreis/dimos/").content.decode()
    assert '<a href="tel:2721360700">27213 60700</a>' in html


def test_a_factory_phone_is_the_first_phone(db):
    assert str(LocationFactory(phone="27210 12345").first_phone) == "27210 12345"
    assert OrganisationFactory().first_phone is None


@pytest.mark.usefixtures("empty_directory")
def test_the_audit_names_a_malformed_second_phone_of_a_place(home):
    place = LocationFactory(phone="27210 12345")
    LocationPhone.objects.create(location=place, number="12", sort_order=1)
    with translation.override("en"):
        (finding,) = [f for f in audit() if "12)" in f.problem]
    assert finding.field == "phone number"
    assert finding.problem == "This phone number is not valid. (12)"


def test_an_editor_adds_a_second_phone_to_a_location_in_the_admin(
    client, catalogue, django_user_model
):
    editor = django_user_model.objects.create_user("maria", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    login_staff(client, editor)
    office = Location.objects.get(slug="kentro")
    url = f"/admin/snippets/directory/location/edit/{office.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="phones-TOTAL_FORMS"' in form.content.decode()
