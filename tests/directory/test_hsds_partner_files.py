"""Partner files as they really are: the official Open Referral examples and
small Greek files built like them (data/README.md says where they come from)."""

import copy
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory.hsds import serialise
from directory.hsds.importer import HSDSImportError, import_services
from directory.models import (
    Location,
    Municipality,
    Organisation,
    RequiredDocument,
    ServiceContact,
    ServicePage,
)
from tests.directory.test_hsds_export import empty_the_directory
from tests.directory.test_hsds_schema import needs_schemas, validate_service

pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

DATA = Path(__file__).parent / "data"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.fixture
def service_full():
    return json.loads((DATA / "service_full.json").read_text(encoding="utf-8"))


@pytest.fixture
def greek_service():
    """What the schema requires of a service, and a contact person."""
    return {
        "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a001",
        "name": "Επίδομα Θέρμανσης",
        "status": "active",
        "contacts": [
            {
                "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a002",
                "name": "Ελένη Παπαδοπούλου",
                "phones": [
                    {
                        "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a003",
                        "number": "27210 12345",
                    }
                ],
            }
        ],
    }


def test_the_official_single_service_object_is_imported(home, tmp_path):
    out = io.StringIO()
    call_command("import_hsds", str(DATA / "service_full.json"), stdout=out)

    assert "1 services: 1 created" in out.getvalue()
    page = ServicePage.objects.get()
    assert str(page.translation_key) == SERVICE_ID
    assert page.live
    assert page.title == "Community Counselling"


def test_the_official_paged_list_is_imported(home):
    data = json.loads((DATA / "service_list.json").read_text(encoding="utf-8"))
    result = import_services(data)
    assert result.created == 1
    assert ServicePage.objects.get().title == "Community Counselling"


def test_long_free_text_is_kept_whole(home, service_full):
    import_services(service_full)

    document = RequiredDocument.objects.get()
    assert document.name == service_full["required_documents"][0]["document"]
    assert len(document.name) == 279
    phone = ServiceContact.objects.get(kind=ServiceContact.Kind.PHONE)
    assert phone.name == service_full["phones"][0]["description"]
    area_name = service_full["service_areas"][0]["name"]
    assert len(area_name) == 177
    assert ServicePage.objects.get().service_areas.get().name == area_name


def test_an_impossible_latitude_is_left_out_with_a_warning(home, service_full):
    result = import_services(service_full)

    location = Location.objects.get()
    assert location.latitude is None
    assert float(location.longitude) == 101
    assert any(
        warning.startswith(f"Record 0 (id {SERVICE_ID}): field ")
        and "service_at_locations[0].location.latitude" in warning
        for warning in result.warnings
    )


def test_a_title_longer_than_a_page_title_holds_is_cut_with_a_warning(
    home, greek_service
):
    greek_service["name"] = "Πρόγραμμα " * 40
    result = import_services(greek_service)

    assert len(ServicePage.objects.get().title) <= 255
    assert any("field name is longer than 255" in w for w in result.warnings)


def test_a_service_with_only_what_the_schema_requires_is_imported(home, tmp_path):
    path = tmp_path / "minimal.json"
    record = {
        "id": "7a6f1c1e-8f0e-4b8e-9a53-2a3a9e1d7c11",
        "name": "Κοινωνικό Φροντιστήριο",
        "status": "active",
    }
    path.write_text(json.dumps([record]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_hsds", str(path), stdout=out)

    assert "1 created" in out.getvalue()
    page = ServicePage.objects.get()
    assert page.live
    assert page.summary == ""


def test_the_contact_person_never_reaches_the_address(home, greek_service):
    import_services(greek_service)

    page = ServicePage.objects.get()
    assert page.title == "Επίδομα Θέρμανσης"
    assert "eleni" not in page.url_path
    assert "papadop" not in page.url_path
    assert page.slug.startswith("epidoma-")


def test_an_imported_greek_title_gets_the_elot_743_slug(home, greek_service):
    import_services(greek_service)

    assert ServicePage.objects.get().slug == "epidoma-thermansis"


def test_the_official_contact_person_never_reaches_the_address(home, service_full):
    import_services(service_full)
    page = ServicePage.objects.get()
    assert "persona" not in page.url_path
    assert page.slug == "community-counselling"


def test_every_refused_record_is_one_line_and_nothing_is_kept(
    home, service_full, greek_service, tmp_path
):
    broken = copy.deepcopy(greek_service)
    broken["id"] = "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a0ff"
    broken["status"] = "open"
    service_full["maximum_age"] = "εκατό"
    path = tmp_path / "two-bad.json"
    path.write_text(json.dumps([greek_service, broken, service_full]), "utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(path))

    lines = str(error.value).splitlines()
    assert lines == [
        f"Record 1 (id {broken['id']}): field status is not one of "
        "['active', 'defunct', 'inactive', 'temporarily closed', "
        "'temporarily_closed']: 'open'.",
        f"Record 2 (id {SERVICE_ID}): field maximum_age must be a number.",
        "Nothing was imported.",
    ]
    assert not ServicePage.objects.exists()
    assert not Organisation.objects.exists()
    assert not Location.objects.exists()


def test_a_refusal_from_the_page_itself_names_the_record(home, greek_service):
    greek_service["minimum_age"] = 40
    greek_service["maximum_age"] = 30
    with pytest.raises(HSDSImportError, match=r"^Record 0 \(id 0d3c.*maximum_age"):
        import_services(greek_service)


def _exported_service():
    (service,) = serialise.export_services()
    return service


def test_the_export_gives_back_the_partners_addresses_phones_and_ids(
    home, service_full
):
    import_services(service_full)
    service = _exported_service()

    (link,) = service["service_at_locations"]
    original_link = service_full["service_at_locations"][0]
    assert link["id"] == original_link["id"]
    (address,) = link["location"]["addresses"]
    original_address = original_link["location"]["addresses"][0]
    for key in (
        "id",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ):
        assert address[key] == original_address[key], key
    (schedule,) = link["location"]["schedules"]
    assert schedule["id"] == original_link["location"]["schedules"][0]["id"]
    (phone,) = service["phones"]
    assert phone == {
        key: service_full["phones"][0][key]
        for key in ("id", "number", "extension", "description")
    }
    (contact,) = service["contacts"]
    assert contact["id"] == service_full["contacts"][0]["id"]
    assert contact["name"] == "Ann Persona"
    assert contact["phones"][0]["extension"] == 100
    assert (
        service["required_documents"][0]["id"]
        == (service_full["required_documents"][0]["id"])
    )


def test_a_greek_address_keeps_its_region_and_country(home, greek_service):
    greek_service["service_at_locations"] = [
        {
            "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a010",
            "location": {
                "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a011",
                "location_type": "physical",
                "name": "Γενικό Νοσοκομείο Σπάρτης",
                "addresses": [
                    {
                        "id": "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a012",
                        "address_1": "Κλαδά 2",
                        "city": "Σπάρτη",
                        "region": "Δήμος Σπάρτης",
                        "state_province": "Λακωνία",
                        "postal_code": "23100",
                        "country": "GR",
                        "address_type": "physical",
                    }
                ],
            },
        }
    ]
    import_services(greek_service)
    (address,) = _exported_service()["service_at_locations"][0]["location"]["addresses"]
    assert address["state_province"] == "Λακωνία"
    assert address["country"] == "GR"
    assert address["id"] == "0d3c6a52-3b8f-4f39-9d0e-5b6a51c2a012"
    assert Municipality.objects.filter(name="Δήμος Σπάρτης").exists()


@needs_schemas
@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
def test_the_official_examples_round_trip_and_export_valid_hsds(home, name):
    import_services(json.loads((DATA / name).read_text(encoding="utf-8")))
    first = serialise.export_services()
    for service in first:
        validate_service(service)

    empty_the_directory()
    assert not ServicePage.objects.exists()
    import_services(json.loads(json.dumps(first)))
    second = serialise.export_services()

    assert second == first
    import_services(json.loads(json.dumps(second)))
    assert serialise.export_services() == first


def _package(path):
    """{file name: text} of a package folder or zip."""
    path = Path(path)
    if path.is_dir():
        return {child.name: child.read_text("utf-8") for child in path.iterdir()}
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_official_csv_package_imports_and_round_trips(home, tmp_path):
    out = io.StringIO()
    call_command("import_hsds", str(DATA / "csv"), stdout=out)
    assert "1 services: 1 created" in out.getvalue()
    assert ServicePage.objects.get().title == "Community Counselling"

    first = tmp_path / "first.zip"
    call_command("export_hsds", str(first), stdout=io.StringIO())
    files = _package(first)
    assert "datapackage.json" in files
    addresses = list(csv.DictReader(io.StringIO(files["addresses.csv"])))
    assert addresses == [
        {
            "id": "74706e55-df26-4b84-80fe-ecc30b5befb4",
            "location_id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5",
            "address_1": "1-30 Main Street",
            "address_2": "MyVillage",
            "city": "MyCity",
            "region": "MyRegion",
            "state_province": "MyState",
            "postal_code": "ABC 1234",
            "country": "US",
            "address_type": "postal",
        }
    ]
    phones = {
        row["id"]: row for row in csv.DictReader(io.StringIO(files["phones.csv"]))
    }
    phone = phones["1554f2e2-a373-45db-a3fa-9fc48a61c15e"]
    assert phone["extension"] == "100"
    assert phone["service_id"] == "ac148810-d857-441c-9679-408f346de14b"
    assert phone["contact_id"] == "1e7efce3-639b-4880-940c-b95cd30cdb50"

    empty_the_directory()
    call_command("import_hsds", str(first), stdout=io.StringIO())
    second = tmp_path / "second"
    call_command("export_hsds", str(second), "--format", "csv", stdout=io.StringIO())
    assert _package(second) == files


def test_the_csv_package_and_the_json_give_the_same_service(home):
    import_services(json.loads((DATA / "service_full.json").read_text("utf-8")))
    from_json = serialise.export_services()
    empty_the_directory()
    call_command("import_hsds", str(DATA / "csv"), stdout=io.StringIO())
    from_csv = serialise.export_services()
    assert from_csv == from_json


def test_a_folder_without_datapackage_json_is_refused(home, tmp_path):
    (tmp_path / "services.csv").write_text("id,name,status\n", encoding="utf-8")
    with pytest.raises(CommandError, match="datapackage.json"):
        call_command("import_hsds", str(tmp_path))
