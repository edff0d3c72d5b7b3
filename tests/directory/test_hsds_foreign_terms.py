"""Terms of other taxonomies in a partner's file are kept, shown to editors
for mapping to ours, and the mapping is applied on the next import."""

import copy
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from directory.factories import CategoryFactory
from directory.hsds.importer import import_services
from directory.models import ForeignTerm, ServicePage
from tests.staff import login_staff

pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

DATA = Path(__file__).parent / "data"
TERM_ID = "3f7b145d-84af-42d7-8fae-eaca714b02b2"


@pytest.fixture
def service_full():
    return json.loads((DATA / "service_full.json").read_text(encoding="utf-8"))


def with_open_eligibility_term(record):
    record = copy.deepcopy(record)
    record["attributes"][0]["taxonomy_term"].update(
        {"name": "Housing", "code": "1082", "taxonomy": "Open Eligibility"}
    )
    return record


def test_a_term_of_another_taxonomy_is_kept_with_its_service(home, service_full):
    result = import_services(with_open_eligibility_term(service_full))

    term = ForeignTerm.objects.get()
    assert str(term.hsds_id) == TERM_ID
    assert (term.taxonomy, term.code, term.name) == (
        "Open Eligibility",
        "1082",
        "Housing",
    )
    assert term.taxonomy_uri == "http://example.com"
    assert list(term.services.all()) == [ServicePage.objects.get()]
    assert any("kept for an editor to map" in line for line in result.warnings)


def test_a_mapping_is_applied_on_the_next_import(home, service_full):
    record = with_open_eligibility_term(service_full)
    import_services(record)
    housing = CategoryFactory(name="Στέγαση", slug="stegasi")
    ForeignTerm.objects.update(category=housing)

    result = import_services(record)

    page = ServicePage.objects.get()
    assert list(page.categories.all()) == [housing]
    assert not any("kept for an editor" in line for line in result.warnings)
    assert ForeignTerm.objects.count() == 1


def test_a_mapped_term_given_by_id_only_is_applied(home, service_full):
    import_services(with_open_eligibility_term(service_full))
    housing = CategoryFactory(name="Στέγαση", slug="stegasi")
    ForeignTerm.objects.update(category=housing)
    by_id = copy.deepcopy(service_full)
    attribute = by_id["attributes"][0]
    del attribute["taxonomy_term"]
    attribute["taxonomy_term_id"] = TERM_ID

    import_services(by_id)

    assert list(ServicePage.objects.get().categories.all()) == [housing]


def test_editors_map_a_foreign_term_in_the_admin(
    client, django_user_model, home, service_full
):
    import_services(with_open_eligibility_term(service_full))
    housing = CategoryFactory(name="Στέγαση", slug="stegasi")
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    login_staff(client, user)
    term = ForeignTerm.objects.get()

    listing = client.get("/admin/snippets/directory/foreignterm/")
    assert listing.status_code == 200
    assert "Housing" in listing.content.decode()
    response = client.post(
        f"/admin/snippets/directory/foreignterm/edit/{term.pk}/",
        {"category": housing.pk, "target_group": ""},
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.category == housing
    assert term.name == "Housing"
