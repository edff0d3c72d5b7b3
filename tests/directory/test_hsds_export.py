import datetime
import json

import pytest
from django.core.management import call_command

from directory.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    LanguageFactory,
    LocationFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServicePageFactory,
    TargetGroupFactory,
)
from directory.hsds import serialise
from directory.hsds.importer import import_services
from directory.models import (
    Category,
    DirectoryPage,
    Language,
    Location,
    Municipality,
    Organisation,
    RequiredDocument,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
    TargetGroup,
)
from tests.directory.test_hsds_schema import validate_service

# These tests describe a new site: the seeded demo directory is set aside.
pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")


def build_rich_service(home):
    """A service using every field the HSDS mapping knows about."""
    directory = DirectoryPageFactory(parent=home)
    kalamata = MunicipalityFactory()
    mani = MunicipalityFactory(name="Δυτική Μάνη", slug="dytiki-mani")
    greek = LanguageFactory()
    arabic = LanguageFactory(code="ar", name="Αραβικά", autonym="العربية")
    organisation = OrganisationFactory(
        name="Δήμος Καλαμάτας",
        description="Ο Δήμος & οι κοινωνικές του υπηρεσίες.",
        website="https://www.kalamata.gr",
        email="info@kalamata.gr",
        phone="27213 60700",
    )
    office = LocationFactory(
        name="Κέντρο Κοινότητας Καλαμάτας",
        municipality=kalamata,
        step_free_access=True,
        lift=True,
        accessibility_notes="Ράμπα στην είσοδο\nΘέσεις στάθμευσης ΑμεΑ",
        transport_notes="Λεωφορείο 2, στάση Αριστομένους",
        phone="27210 12345",
        email="kentro@kalamata.gr",
    )
    office.languages.set([greek, arabic])
    office.save()
    for weekday in range(5):
        OpeningHoursFactory(location=office, weekday=weekday)
    OpeningHoursFactory(
        location=office,
        weekday=1,
        opens=datetime.time(17),
        closes=datetime.time(20, 30),
        valid_from=datetime.date(2026, 10, 1),
        valid_to=datetime.date(2027, 5, 31),
    )
    stop = LocationFactory(
        name="Κινητή Μονάδα – στάση Καρδαμύλης",
        kind=Location.Kind.MOBILE_STOP,
        municipality=mani,
        address="Πλατεία Καρδαμύλης",
        postal_code="24022",
        city="Καρδαμύλη",
    )
    online = LocationFactory(
        name="Ηλεκτρονική αίτηση",
        kind=Location.Kind.VIRTUAL,
        address="",
        postal_code="",
        city="",
        latitude=None,
        longitude=None,
        url="https://www.gov.gr",
    )
    benefits = CategoryFactory(name="Οικονομική ενίσχυση", slug="oikonomiki")
    housing = CategoryFactory(name="Στέγαση", slug="stegasi", parent=benefits)
    families = TargetGroupFactory(
        name="Οικογένειες", slug="oikogeneies", description="Γονείς με παιδιά"
    )
    page = ServicePageFactory(
        parent=directory,
        title="Επίδομα Στέγασης",
        slug="epidoma-stegasis",
        alternate_name="Ενοίκιο",
        summary="Βοήθεια για το ενοίκιο.",
        description=[
            {"type": "heading", "value": {"text": "Τι είναι", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Μηνιαίο ποσό &amp; στήριξη.</p>"
                "<ul><li>Για ενοικιαστές</li><li>Κάθε μήνα</li></ul>",
            },
        ],
        eligibility="<p>Νοικοκυριά με <b>χαμηλό</b> εισόδημα.</p><p>Με μισθωτήριο.</p>",
        minimum_age=18,
        application_steps=[
            {"type": "step", "value": {"title": "Κάντε αίτηση στο gov.gr"}},
            {
                "type": "step",
                "value": {
                    "title": "Περιμένετε την απάντηση",
                    "detail": "<p>Έρχεται με e-mail σε 30 ημέρες.</p>",
                },
            },
        ],
        fees="",
        is_free=True,
        website="https://www.gov.gr/epidoma",
        email="stegasi@kalamata.gr",
        last_reviewed=datetime.date(2026, 9, 1),
        status=ServicePage.Status.TEMPORARILY_CLOSED,
        status_note="Κλειστό μέχρι τις 30 Νοεμβρίου",
        organisation=organisation,
    )
    page.categories = [housing]
    page.target_groups = [families]
    page.languages = [greek, arabic]
    page.service_areas = [kalamata, mani]
    page.required_documents = [
        RequiredDocument(name="Ταυτότητα", url="https://www.gov.gr/id"),
        RequiredDocument(name="Μισθωτήριο"),
    ]
    page.contacts = [
        ServiceContact(name="Γραμματεία", phone="27210 11111"),
        ServiceContact(name="Κοινωνική λειτουργός", email="social@kalamata.gr"),
        ServiceContact(name="Υπεύθυνη", phone="27210 22222", email="head@kalamata.gr"),
    ]
    page.service_locations = [
        ServiceAtLocation(location=office, notes="Δευτέρα έως Παρασκευή"),
        ServiceAtLocation(location=stop),
        ServiceAtLocation(location=online),
    ]
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


def empty_the_directory():
    for page in ServicePage.objects.all():
        page.delete()
    for page in DirectoryPage.objects.all():
        page.delete()
    Organisation.objects.all().delete()
    Location.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    for model in (TargetGroup, Municipality, Language):
        model.objects.all().delete()


@pytest.fixture
def rich_service(home):
    return build_rich_service(home)


def test_an_exported_service_is_valid_hsds(rich_service):
    (service,) = serialise.export_services()
    validate_service(service)


def test_an_exported_service_carries_the_page_content(rich_service):
    (service,) = serialise.export_services()
    assert service["id"] == str(rich_service.translation_key)
    assert service["name"] == "Επίδομα Στέγασης"
    assert service["status"] == "temporarily closed"
    assert service["alert"] == "Κλειστό μέχρι τις 30 Νοεμβρίου"
    assert service["description"] == (
        "Τι είναι\nΜηνιαίο ποσό & στήριξη.\nΓια ενοικιαστές\nΚάθε μήνα"
    )
    assert service["eligibility_description"] == (
        "Νοικοκυριά με χαμηλό εισόδημα.\nΜε μισθωτήριο."
    )
    assert service["application_process"] == (
        "Κάντε αίτηση στο gov.gr\n"
        "Περιμένετε την απάντηση Έρχεται με e-mail σε 30 ημέρες."
    )
    assert service["fees_description"] == "Δωρεάν"
    assert service["organization"]["name"] == "Δήμος Καλαμάτας"
    assert [doc["document"] for doc in service["required_documents"]] == [
        "Ταυτότητα",
        "Μισθωτήριο",
    ]
    assert [phone["number"] for phone in service["phones"]] == ["27210 11111"]
    assert [contact["email"] for contact in service["contacts"]] == [
        "social@kalamata.gr",
        "head@kalamata.gr",
    ]
    terms = [attribute["taxonomy_term"] for attribute in service["attributes"]]
    assert [(t["taxonomy"], t["code"]) for t in terms] == [
        ("kentro-categories", "stegasi"),
        ("kentro-target-groups", "oikogeneies"),
    ]
    assert "parent_id" not in terms[0]  # only /taxonomy_terms lists the parents


def test_opening_hours_are_grouped_into_weekly_schedules(rich_service):
    (service,) = serialise.export_services()
    office = service["service_at_locations"][0]["location"]
    assert [
        (s["byday"], s["opens_at"], s["closes_at"], s.get("valid_from"))
        for s in office["schedules"]
    ] == [
        ("MO,TU,WE,TH,FR", "08:00", "15:00", None),
        ("TU", "17:00", "20:30", "2026-10-01"),
    ]
    assert office["addresses"][0]["region"] == "Καλαμάτα"
    assert [a["description"] for a in office["accessibility"]][-2:] == [
        "Ράμπα στην είσοδο",
        "Θέσεις στάθμευσης ΑμεΑ",
    ]
    online = service["service_at_locations"][2]["location"]
    assert online["location_type"] == "virtual"
    assert online["addresses"] == []


def test_nested_ids_are_the_same_on_every_export(rich_service):
    assert serialise.export_services() == serialise.export_services()


def test_drafts_and_private_services_are_not_exported(rich_service):
    draft = ServicePageFactory(parent=rich_service.get_parent(), live=False)
    assert draft.pk
    assert len(serialise.export_services()) == 1


def test_export_import_into_an_empty_site_export_gives_the_same_json(
    rich_service, tmp_path
):
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    call_command("export_hsds", str(first), stdout=None)
    empty_the_directory()
    assert not ServicePage.objects.exists()

    import_services(json.loads(first.read_text(encoding="utf-8")))
    call_command("export_hsds", str(second), stdout=None)

    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    exported = json.loads(second.read_text(encoding="utf-8"))
    assert len(exported) == 1
    page = ServicePage.objects.get()
    assert page.live
    assert page.status == ServicePage.Status.TEMPORARILY_CLOSED
    stop = Location.objects.get(name__startswith="Κινητή Μονάδα")
    assert stop.kind == Location.Kind.MOBILE_STOP
    assert stop.slug == "kiniti-monada-stasi-kardamylis"
