"""A service's key facts (what you get, the limits, the cost to apply, the
application window) in the HSDS export and API, and back through an import."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from directory.hsds import key_facts, serialise
from directory.hsds.importer import import_services
from directory.models import ServicePage
from tests.directory.test_hsds_export import build_rich_service, empty_the_directory
from tests.directory.test_hsds_schema import validate_service

pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

FACTS = {
    "benefit": "Μηνιαία πληρωμή στον λογαριασμό σας",
    "benefit_amount_min": Decimal("70"),
    "benefit_amount_max": Decimal("210"),
    "benefit_frequency": "monthly",
    "income_limit": Decimal("7000"),
    "income_limit_note": "+3.500 € για κάθε άλλο μέλος",
    "assets_limit": Decimal("120000.50"),
    "assets_limit_note": "",
    "applications_open": datetime.date(2026, 11, 1),
    "applications_close": datetime.date(2026, 12, 31),
}


@pytest.fixture
def service_with_facts(home):
    page = build_rich_service(home)
    for name, value in FACTS.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


def test_the_key_facts_are_in_the_exported_text_and_schedules(service_with_facts):
    (service,) = serialise.export_services()
    validate_service(service)
    assert service["description"].endswith(
        "Κάθε μήνα\n"
        "Τι παίρνετε: Μηνιαία πληρωμή στον λογαριασμό σας\n"
        "Ποσό: 70 € έως 210 € τον μήνα"
    )
    assert service["eligibility_description"] == (
        "Νοικοκυριά με χαμηλό εισόδημα.\nΜε μισθωτήριο.\n"
        "Όριο εισοδήματος: 7.000 € τον χρόνο για ένα άτομο που ζει μόνο. "
        "+3.500 € για κάθε άλλο μέλος\n"
        "Όριο περιουσίας: 120.000,50 € για ένα άτομο που ζει μόνο"
    )
    assert service["fees_description"] == "Δωρεάν"
    (window,) = service["schedules"]
    assert window["valid_from"] == "2026-11-01"
    assert window["valid_to"] == "2026-12-31"
    assert window["description"] == "Περίοδος υποβολής αιτήσεων"


def test_the_api_serves_the_key_facts(client, service_with_facts):
    key = service_with_facts.translation_key
    detail = client.get(f"/api/hsds/services/{key}").json()
    assert "Ποσό: 70 € έως 210 € τον μήνα" in detail["description"]
    assert detail["schedules"][0]["valid_to"] == "2026-12-31"
    (listed,) = client.get("/api/hsds/services").json()["contents"]
    assert "Όριο εισοδήματος: 7.000 €" in listed["eligibility_description"]


def test_a_service_without_key_facts_exports_no_window(home):
    build_rich_service(home)
    (service,) = serialise.export_services()
    assert "schedules" not in service
    assert "Ποσό" not in service["description"]


def test_an_import_puts_the_key_facts_back_in_their_fields(service_with_facts):
    exported = serialise.export_services()
    empty_the_directory()
    import_services(exported)
    page = ServicePage.objects.get()
    for name, value in FACTS.items():
        assert getattr(page, name) == value, name
    # The labelled lines do not also stay in the text.
    assert "Όριο" not in page.eligibility
    assert "Ποσό" not in page.summary
    assert serialise.export_services() == exported


def test_importing_the_same_facts_again_changes_nothing(service_with_facts):
    exported = serialise.export_services()
    empty_the_directory()
    import_services(exported)
    again = import_services(exported)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_the_key_facts_survive_the_tabular_round_trip(service_with_facts, tmp_path):
    exported = serialise.export_services()
    call_command(
        "export_hsds", str(tmp_path / "csv"), "--format", "csv", stdout=io.StringIO()
    )
    empty_the_directory()
    call_command("import_hsds", str(tmp_path / "csv"), stdout=io.StringIO())
    assert serialise.export_services() == exported


def test_reimporting_without_the_facts_clears_them(service_with_facts):
    (service,) = serialise.export_services()
    service["description"] = "Βοήθεια για το ενοίκιο."
    service["eligibility_description"] = "Νοικοκυριά με χαμηλό εισόδημα."
    del service["schedules"]
    import_services(json.loads(json.dumps(service)))
    page = ServicePage.objects.get()
    assert page.benefit == "" and page.benefit_amount_min is None
    assert page.income_limit is None and page.applications_close is None


def test_a_partner_window_with_dates_only_is_read(home):
    build_rich_service(home)
    (service,) = serialise.export_services()
    service["schedules"] = [
        {"id": "5d2f7a53-3c1e-4b8e-9a3a-0e7f6f0b2a11", "valid_to": "2027-03-31"}
    ]
    import_services(service)
    page = ServicePage.objects.get()
    assert page.applications_open is None
    assert page.applications_close == datetime.date(2027, 3, 31)


@pytest.mark.parametrize(
    "line, facts",
    [
        (
            "Ποσό: 216 € τον μήνα",
            {
                "benefit_amount_min": Decimal(216),
                "benefit_amount_max": None,
                "benefit_frequency": "monthly",
            },
        ),
        (
            "Ποσό: έως 1.296,50 €",
            {
                "benefit_amount_min": None,
                "benefit_amount_max": Decimal("1296.50"),
                "benefit_frequency": "",
            },
        ),
        ("Όριο περιουσίας: ρωτήστε μας", {"assets_limit_note": "ρωτήστε μας"}),
    ],
)
def test_key_fact_lines_parse(line, facts):
    assert key_facts.parse_lines(["Κείμενο", line]) == (["Κείμενο"], facts)


@pytest.mark.parametrize(
    "line",
    ["Ποσό: περίπου 200 ευρώ", "Ποσό που δίνεται κάθε μήνα", "Σημείωση: τίποτα"],
)
def test_lines_that_only_look_like_facts_stay_in_the_text(line):
    assert key_facts.parse_lines([line]) == ([line], {})
