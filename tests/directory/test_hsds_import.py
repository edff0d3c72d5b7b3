import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from directory.hsds import serialise
from directory.hsds.importer import HSDSImportError, import_services, is_free
from directory.models import (
    Category,
    DirectoryPage,
    Language,
    Location,
    Municipality,
    OpeningHours,
    Organisation,
    RequiredDocument,
    ServicePage,
    TargetGroup,
)
from tests.directory.test_hsds_schema import DATA_FILE, needs_data, validate_service

# These tests describe a new site: the seeded demo directory is set aside.
pytestmark = [
    needs_data,
    pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory"),
]


@pytest.fixture
def records():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ServicePage,
            DirectoryPage,
            Organisation,
            Location,
            OpeningHours,
            Category,
            TargetGroup,
            Municipality,
            Language,
            RequiredDocument,
            Revision,
        )
    }


def test_the_shared_file_creates_a_live_page_for_every_service(home, records):
    out = io.StringIO()
    call_command("import_hsds", str(DATA_FILE), stdout=out)

    assert "34 services: 34 created, 0 updated, 0 unchanged" in out.getvalue()
    directory = DirectoryPage.objects.get()
    assert directory.slug == "programmata-ypiresies"
    assert directory.title == "Προγράμματα και υπηρεσίες"
    assert directory.get_parent().specific == home
    pages = ServicePage.objects.child_of(directory).live()
    assert pages.count() == 34
    assert {str(page.translation_key) for page in pages} == {r["id"] for r in records}
    assert len({page.slug for page in pages}) == 34
    assert all(page.slug.isascii() for page in pages)


def test_imported_services_keep_their_data_and_terms(home, records):
    import_services(records)
    exported = {service["id"]: service for service in serialise.export_services()}

    for record in records:
        service = exported[record["id"]]
        validate_service(service)
        for key in (
            "name",
            "alternate_name",
            "description",
            "eligibility_description",
            "application_process",
            "fees_description",
            "minimum_age",
            "maximum_age",
            "url",
            "status",
        ):
            assert service.get(key) == record.get(key), (record["name"], key)
        assert [d["document"] for d in service["required_documents"]] == [
            d["document"] for d in record["required_documents"]
        ]
        assert {a["taxonomy_term"]["id"] for a in service["attributes"]} == {
            a["taxonomy_term"]["id"] for a in record["attributes"]
        }
        assert service["organization"]["id"] == record["organization"]["id"]
        assert [s["location"]["id"] for s in service["service_at_locations"]] == [
            s["location"]["id"] for s in record["service_at_locations"]
        ]
        assert [p["number"] for p in service["phones"]] == [
            p["number"] for p in record["phones"]
        ]
        assert {lang["code"] for lang in service["languages"]} == {
            lang["code"] for lang in record["languages"]
        }


def test_services_appear_under_their_categories_and_target_groups(home, records):
    import_services(records)
    kea = ServicePage.objects.get(translation_key=records[0]["id"])
    assert [c.slug for c in kea.categories.all()] == ["oikonomiki"]
    assert {g.slug for g in kea.target_groups.all()} == {"kea", "ftoxeia", "anergoi"}
    assert kea.is_free
    assert kea.summary.startswith("Μηνιαία οικονομική ενίσχυση")
    assert len(kea.application_steps) == 1


def test_locations_get_kind_municipality_hours_and_accessibility(home, records):
    import_services(records)
    stop = Location.objects.get(name="Κινητή Μονάδα – στάση Καρδαμύλης")
    assert stop.kind == Location.Kind.MOBILE_STOP
    assert stop.municipality.name == "Δυτική Μάνη"
    assert stop.municipality.slug == "dytiki-mani"
    assert [(h.weekday, f"{h.opens:%H:%M}") for h in stop.opening_hours.all()] == [
        (1, "10:00")
    ]
    office = Location.objects.get(name="Κέντρο Κοινότητας Καλαμάτας")
    assert office.kind == Location.Kind.OFFICE
    assert office.address == "Αριστομένους 30"
    assert office.postal_code == "24100"
    assert office.opening_hours.count() == 5
    assert office.accessibility_notes == "Ράμπα στην είσοδο και ανελκυστήρας"
    online = Location.objects.get(name="Ηλεκτρονική αίτηση στο gov.gr")
    assert online.kind == Location.Kind.VIRTUAL
    assert online.url == "https://www.gov.gr"


def test_importing_the_file_twice_changes_nothing(home, records):
    import_services(records)
    before, export = counts(), serialise.export_services()

    result = import_services(records)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 34)
    assert counts() == before
    assert serialise.export_services() == export


def test_the_command_reads_our_own_paged_output(home, records, tmp_path):
    path = tmp_path / "page.json"
    paged = {"total_items": 34, "page_number": 1, "contents": records}
    path.write_text(json.dumps(paged), encoding="utf-8")
    out = io.StringIO()

    call_command("import_hsds", str(path), stdout=out)

    assert "34 created" in out.getvalue()
    assert ServicePage.objects.live().count() == 34


def test_a_changed_record_updates_the_page_with_the_same_id(home, records):
    import_services(records)
    slug = ServicePage.objects.get(translation_key=records[0]["id"]).slug
    changed = copy.deepcopy(records)
    changed[0]["name"] = "ΚΕΑ (νέο όνομα)"
    changed[0]["required_documents"] = changed[0]["required_documents"][:1]
    changed[0]["status"] = "defunct"

    result = import_services(changed)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 33)
    page = ServicePage.objects.get(translation_key=records[0]["id"])
    assert page.title == "ΚΕΑ (νέο όνομα)"
    assert page.slug == slug
    assert page.status == ServicePage.Status.INACTIVE
    assert page.required_documents.count() == 1
    assert ServicePage.objects.count() == 34


def test_a_bad_record_rejects_the_whole_file(home, records, tmp_path):
    records[7]["service_at_locations"][0]["location"]["schedules"][0]["opens_at"] = (
        "8 το πρωί"
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(path))

    message = str(error.value)
    assert "Record 7" in message
    assert records[7]["id"] in message
    assert "service_at_locations[0].location.schedules[0].opens_at" in message
    assert not ServicePage.objects.exists()
    assert not Organisation.objects.exists()
    assert not Location.objects.exists()
    assert not DirectoryPage.objects.exists()


def test_a_bad_record_leaves_an_earlier_import_untouched(home, records):
    import_services(records)
    export = serialise.export_services()
    changed = copy.deepcopy(records)
    changed[0]["name"] = "Δεν πρέπει να αποθηκευτεί"
    changed[20]["minimum_age"] = "δεκαοχτώ"

    with pytest.raises(HSDSImportError, match=r"Record 20 .*field minimum_age"):
        import_services(changed)

    assert serialise.export_services() == export


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: r.update(id="123"), "field id"),
        (lambda r: r.pop("name"), "field name"),
        (lambda r: r.update(status="open"), "field status"),
        (lambda r: r.update(status=["active"]), "field status"),
        (lambda r: r.update(attributes=[{"id": 5}]), "attributes[0].taxonomy_term_id"),
        (lambda r: r.update(organization="ΟΠΕΚΑ"), "field organization"),
        (lambda r: r.update(email="not an address"), "field email"),
        (lambda r: r.update(minimum_age=30, maximum_age=20), "field maximum_age"),
        (
            lambda r: r["organization"].update(website="kalamata"),
            "organization.website",
        ),
        (lambda r: r.update(required_documents="ΑΦΜ"), "field required_documents"),
        (
            lambda r: r["service_at_locations"][0]["location"].update(latitude="37"),
            "service_at_locations[0].location.latitude",
        ),
        (
            lambda r: r["service_at_locations"][0]["location"]["schedules"][0].update(
                byday="MO,XX"
            ),
            "schedules[0].byday",
        ),
    ],
)
def test_bad_fields_are_named(home, records, change, field):
    change(records[0])
    with pytest.raises(HSDSImportError, match=r"Record 0 ") as error:
        import_services(records)
    assert field in str(error.value)
    assert not ServicePage.objects.exists()


def test_files_that_are_not_hsds_lists_are_refused(home, tmp_path):
    for content in ("{not json", '{"services": []}', "42"):
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(CommandError):
            call_command("import_hsds", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "missing.json"))


@pytest.mark.parametrize(
    ("fees", "free"),
    [
        ("", True),
        ("Δωρεάν", True),
        ("ΔΩΡΕΑΝ για όλους", True),
        ("Free of charge", True),
        ("0 €", True),
        ("Μικρή ετήσια συνδρομή", False),
        ("Παράβολο 46,14 € (απαλλάσσονται οι δικαιούχοι ΚΕΑ)", False),
        ("10 €", False),
    ],
)
def test_fees_tell_whether_a_service_is_free(fees, free):
    assert is_free(fees) is free


def test_a_long_application_line_becomes_a_step_with_details(home, records):
    long_line = "Συμπληρώστε την αίτηση " + "με προσοχή " * 30 + "και υποβάλετέ την."
    records[0]["application_process"] = f"Πρώτο βήμα.\n{long_line}"
    import_services(records[:1])
    page = ServicePage.objects.get()
    steps = [step.value for step in page.application_steps]
    assert steps[0]["title"] == "Πρώτο βήμα."
    assert len(steps[1]["title"]) <= 160
    assert steps[1]["detail"].source
    (service,) = serialise.export_services()
    assert (
        service["application_process"] == f"Πρώτο βήμα.\n{' '.join(long_line.split())}"
    )
