import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.factories import (
    CategoryFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
    ServicePageFactory,
    TargetGroupFactory,
)
from directory.hsds import serialise
from directory.hsds.importer import import_services
from directory.models import RequiredDocument, ServiceContact, ServicePage
from tests.directory.test_hsds_export import build_rich_service
from tests.directory.test_hsds_schema import (
    DATA_FILE,
    needs_data,
    validate_organization,
    validate_page,
    validate_root,
    validate_service,
)

# These tests describe a new site: the seeded demo directory is set aside.
pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

API = "/api/hsds"
MAX_QUERIES = 12


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    return response


def add_services(directory, count, start=0):
    """Services with a term, a location with hours, a document and a contact each."""
    organisation = OrganisationFactory()
    for number in range(start, start + count):
        page = ServicePageFactory(
            parent=directory,
            title=f"Υπηρεσία {number:03d}",
            slug=f"service-{number}",
            organisation=organisation,
            categories=[CategoryFactory()],
            target_groups=[TargetGroupFactory()],
        )
        location = LocationFactory()
        OpeningHoursFactory(location=location)
        ServiceAtLocationFactory(service=page, location=location)
        RequiredDocument.objects.create(service=page, name="Ταυτότητα")
        ServiceContact.objects.create(service=page, name="Γραμματεία", phone="2721")
        page.save_revision().publish()


@pytest.fixture
def rich_service(home):
    return build_rich_service(home)


def test_the_root_says_which_hsds_version_it_serves(client, db):
    response = get(client, "/")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "3.0"
    validate_root(data)


def test_services_are_listed_in_pages_of_valid_hsds(client, rich_service):
    response = get(client, "/services")
    assert response.status_code == 200
    data = response.json()
    validate_page(data, "/services")
    assert data["total_items"] == 1
    assert (data["page_number"], data["size"], data["total_pages"]) == (1, 1, 1)
    assert data["first_page"] and data["last_page"] and not data["empty"]
    (item,) = data["contents"]
    assert item["id"] == str(rich_service.translation_key)
    assert item["organization"]["name"] == "Δήμος Καλαμάτας"


def test_a_service_is_served_nested_and_valid(client, rich_service):
    response = get(client, f"/services/{rich_service.translation_key}")
    assert response.status_code == 200
    data = response.json()
    validate_service(data)
    assert data == serialise.export_services()[0]
    assert len(data["service_at_locations"]) == 3


def test_organisations_and_their_services_are_valid(client, rich_service):
    data = get(client, "/organizations").json()
    validate_page(data, "/organizations")
    (organisation,) = data["contents"]
    detail = get(client, f"/organizations/{organisation['id']}").json()
    validate_organization(detail)
    assert [s["name"] for s in detail["services"]] == ["Επίδομα Στέγασης"]


def test_service_at_locations_are_valid(client, rich_service):
    data = get(client, "/service_at_locations").json()
    validate_page(data, "/service_at_locations")
    assert data["total_items"] == 3
    item = data["contents"][0]
    assert item["service_id"] == str(rich_service.translation_key)
    assert item["location"]["name"] == "Κέντρο Κοινότητας Καλαμάτας"


def test_taxonomies_and_terms_are_valid(client, rich_service):
    taxonomies = get(client, "/taxonomies").json()
    validate_page(taxonomies, "/taxonomies")
    assert {t["name"] for t in taxonomies["contents"]} == {
        "kentro-categories",
        "kentro-target-groups",
    }
    terms = get(client, "/taxonomy_terms").json()
    validate_page(terms, "/taxonomy_terms")
    by_code = {term["code"]: term for term in terms["contents"]}
    assert by_code["stegasi"]["parent_id"] == by_code["oikonomiki"]["id"]
    categories_only = get(
        client,
        "/taxonomy_terms",
        taxonomy_id=serialise.TAXONOMIES["kentro-categories"]["id"],
    ).json()
    assert {t["code"] for t in categories_only["contents"]} == {"stegasi", "oikonomiki"}


def test_services_filter_by_term_organisation_search_and_date(client, rich_service):
    directory = rich_service.get_parent()
    add_services(directory, 3)
    term = rich_service.target_groups.get()
    organisation = rich_service.organisation

    def names(**params):
        data = get(client, "/services", **params).json()
        validate_page(data, "/services")
        return [item["name"] for item in data["contents"]]

    assert len(names()) == 4
    assert names(taxonomy_term_id=str(term.translation_key)) == ["Επίδομα Στέγασης"]
    assert names(organization_id=str(organisation.translation_key)) == [
        "Επίδομα Στέγασης"
    ]
    assert names(search="στέγασης") == ["Επίδομα Στέγασης"]
    assert names(search="Υπηρεσία 001") == ["Υπηρεσία 001"]
    ServicePage.objects.exclude(pk=rich_service.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=30)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert names(modified_after=since) == ["Επίδομα Στέγασης"]
    assert names(modified_after="2000-01-01") == [
        "Επίδομα Στέγασης",
        "Υπηρεσία 000",
        "Υπηρεσία 001",
        "Υπηρεσία 002",
    ]


def test_pages_are_capped_and_pages_past_the_end_are_empty(client, rich_service):
    add_services(rich_service.get_parent(), 4)
    data = get(client, "/services", per_page=2, page=2).json()
    assert (data["total_items"], data["total_pages"], data["size"]) == (5, 3, 2)
    assert not data["first_page"] and not data["last_page"]
    data = get(client, "/services", per_page=1000).json()
    assert data["size"] == 5
    data = get(client, "/services", page=99).json()
    validate_page(data, "/services")
    assert data["empty"] and data["contents"] == [] and data["last_page"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/services", {"page": "abc"}),
        ("/services", {"page": "0"}),
        ("/services", {"per_page": "-5"}),
        ("/services", {"per_page": "1e3"}),
        ("/services", {"taxonomy_term_id": "housing"}),
        ("/services", {"taxonomy_id": "123"}),
        ("/services", {"organization_id": "'; drop table"}),
        ("/services", {"modified_after": "yesterday"}),
        ("/services", {"modified_after": "2026-13-45T25:00:00"}),
        ("/services", {"search": "α" * 5000}),
        ("/organizations", {"page": "-1"}),
        ("/organizations", {"modified_after": "2026-02-30"}),
        ("/service_at_locations", {"organization_id": "x"}),
        ("/taxonomies", {"per_page": "many"}),
        ("/taxonomy_terms", {"taxonomy_id": "x"}),
    ],
)
def test_malformed_parameters_give_a_400_with_a_message(client, db, path, params):
    response = get(client, path, **params)
    assert response.status_code == 400
    data = response.json()
    assert data["parameter"] == next(iter(params))
    assert data["error"]


def test_unknown_ids_give_a_404(client, rich_service):
    assert get(client, "/services/not-a-uuid").status_code == 404
    assert get(
        client, "/services/00000000-0000-0000-0000-000000000000"
    ).status_code == (404)
    assert get(client, "/organizations/nope").status_code == 404


def test_the_api_is_read_only(client, db):
    response = client.post(f"{API}/services", {})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(f"{API}/services")
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_drafts_and_private_services_are_not_served(client, rich_service):
    directory = rich_service.get_parent()
    draft = ServicePageFactory(parent=directory, title="Πρόχειρο", live=False)
    private = ServicePageFactory(parent=directory, title="Ιδιωτική")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    names = [item["name"] for item in get(client, "/services").json()["contents"]]
    assert names == ["Επίδομα Στέγασης"]
    for page in (draft, private):
        assert get(client, f"/services/{page.translation_key}").status_code == 404
    assert get(client, "/service_at_locations").json()["total_items"] == 3


def test_queries_stay_bounded_as_services_grow(client, rich_service):
    directory = rich_service.get_parent()
    paths = [
        "/services?per_page=100",
        f"/services/{rich_service.translation_key}",
        "/service_at_locations?per_page=100",
        "/organizations?per_page=100",
        f"/organizations/{rich_service.organisation.translation_key}",
        "/taxonomy_terms?per_page=100",
    ]

    def measure():
        found = {}
        for path in paths:
            client.get(f"{API}{path}")  # warm the per-process caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{API}{path}").status_code == 200
            found[path] = len(queries)
        return found

    add_services(directory, 2)
    few = measure()
    add_services(directory, 10, start=2)
    many = measure()
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many


@needs_data
def test_every_imported_service_is_served_with_the_same_data(client, home):
    records = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    import_services(records)
    listing = get(client, "/services", per_page=100).json()
    validate_page(listing, "/services")
    assert listing["total_items"] == 34
    for record in records:
        response = get(client, f"/services/{record['id']}")
        assert response.status_code == 200, record["name"]
        served = response.json()
        validate_service(served)
        for key in ("name", "description", "eligibility_description"):
            assert served.get(key) == record.get(key), (record["name"], key)
        assert [d["document"] for d in served["required_documents"]] == [
            d["document"] for d in record["required_documents"]
        ]
        category = next(
            a["taxonomy_term"]["id"]
            for a in record["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "kentro-categories"
        )
        found = get(client, "/services", taxonomy_term_id=category, per_page=100)
        assert record["id"] in [item["id"] for item in found.json()["contents"]]


@pytest.mark.parametrize(
    "query", ['"unclosed', "&&& | !", "a:b OR c", "'; drop table", "*"]
)
def test_search_syntax_never_reaches_the_backend(client, rich_service, query):
    response = get(client, "/services", search=query)
    assert response.status_code == 200
    validate_page(response.json(), "/services")
    assert get(client, "/organizations", search=query).status_code == 200
    assert get(client, "/taxonomy_terms", search=query).status_code == 200


def test_search_ignores_the_case_of_greek_words(client, rich_service):
    for query in (
        "ΣΤΈΓΑΣΗΣ",
        "στέγασης",
        "Επίδομα Στέγασης",
        "δήμος καλαμάτας",
        "επιδοματα στεγαση",
        "epidoma stegasis",
    ):
        data = get(client, "/services", search=query).json()
        assert [item["name"] for item in data["contents"]] == ["Επίδομα Στέγασης"]
