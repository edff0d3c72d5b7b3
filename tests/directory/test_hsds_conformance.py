"""Conformance of Kentro's HSDS API and importer, modelled on the Open
Referral UK validator (openreferral/oruk-validator): driven by the official
OpenAPI description (../shared/hsds-schema/openapi.json), it calls every path
the standard defines, validates each answer against the official schema,
checks the paged envelope, calls every documented query parameter of every
list, and imports every official example (tests/directory/data)."""

import json
import uuid
from pathlib import Path

import pytest

from directory.hsds.importer import import_file
from directory.models import ServicePage
from tests.directory.test_hsds_api import API, get
from tests.directory.test_hsds_export import build_rich_service
from tests.directory.test_hsds_schema import (
    OPENAPI,
    PAGE_KEYS,
    SCHEMA_DIR,
    errors,
    needs_schemas,
)

pytestmark = [
    needs_schemas,
    pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory"),
]

DATA = Path(__file__).parent / "data"
OFFICIAL_EXAMPLES = ["service_full.json", "service_list.json", "csv"]


def openapi():
    if not SCHEMA_DIR.is_dir():
        return {"paths": {}, "components": {"parameters": {}}}
    return json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))


def get_paths():
    return sorted(
        path for path, methods in openapi()["paths"].items() if "get" in methods
    )


def parameters(path):
    """The names of the query parameters the OpenAPI gives ``path``."""
    spec = openapi()
    names = []
    for parameter in spec["paths"][path]["get"].get("parameters", []):
        if isinstance(parameter, str):
            names.append(parameter)
        elif "$ref" in parameter:
            names.append(
                spec["components"]["parameters"][parameter["$ref"].split("/")[-1]][
                    "name"
                ]
            )
        else:
            names.append(parameter["name"])
    return names


def list_parameters():
    return [
        (path, name)
        for path in get_paths()
        if "{" not in path and path != "/"
        for name in parameters(path)
    ]


def response_schema(path):
    pointer = path.replace("~", "~0").replace("/", "~1")
    return (
        f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    )


@pytest.fixture
def service(home):
    return build_rich_service(home)


def an_id(client, path):
    """An id the list of ``path``'s collection serves (``/services/{id}`` →
    the first of ``/services``)."""
    collection = path.split("/{", 1)[0]
    contents = get(client, collection).json()["contents"]
    assert contents, f"{collection} lists nothing to look up"
    return contents[0]["id"]


@pytest.mark.parametrize("path", get_paths())
def test_every_path_of_the_standard_answers_with_its_schema(client, service, path):
    url = path
    if "{id}" in path:
        url = path.replace("{id}", an_id(client, path))
    response = get(client, url)

    assert response.status_code == 200
    data = response.json()
    if "{" not in path and path != "/":
        assert set(data) >= PAGE_KEYS
        assert data["total_items"] >= 1
    assert errors(data, response_schema(path)) == []


@pytest.mark.parametrize("path", [p for p in get_paths() if "{id}" in p])
def test_an_unknown_id_is_a_404_with_a_message(client, service, path):
    for unknown in (str(uuid.uuid4()), "not-an-id"):
        response = get(client, path.replace("{id}", unknown))
        assert response.status_code == 404
        assert response.json()["error"]


@pytest.mark.parametrize("path", [p for p in get_paths() if "{" not in p and p != "/"])
def test_the_paging_fields_agree_with_each_other(client, service, path):
    whole = get(client, path, per_page=1).json()
    total = whole["total_items"]

    assert whole["size"] == len(whole["contents"]) == min(1, total)
    assert whole["total_pages"] == total
    assert whole["page_number"] == 1
    assert whole["first_page"] is True
    assert whole["last_page"] is (total == 1)
    assert whole["empty"] is (total == 0)
    past = get(client, path, per_page=1, page=total + 1).json()
    assert past["contents"] == []
    assert past["empty"] is True


def value_for(client, path, name):
    """A value a partner would send for the documented parameter ``name``."""
    if name == "taxonomy_id":
        return get(client, "/taxonomies").json()["contents"][0]["id"]
    if name in ("taxonomy_term_id", "parent_id"):
        return get(client, "/taxonomy_terms").json()["contents"][0]["id"]
    if name == "organization_id":
        return get(client, "/organizations").json()["contents"][0]["id"]
    return {
        "search": "Επίδομα",
        "page": "1",
        "per_page": "5",
        "format": "json",
        "minimal": "false",
        "full": "false",
        "full_service": "false",
        "top_only": "false",
        "modified_after": "2000-01-01T00:00:00Z",
        "postcode": "24131",
        "proximity": "5000",
    }[name]


@pytest.mark.parametrize(("path", "name"), list_parameters())
def test_every_documented_parameter_gives_a_valid_page(client, service, path, name):
    response = get(client, path, **{name: value_for(client, path, name)})

    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) >= PAGE_KEYS
    assert errors(data, response_schema(path)) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("search", "καμίαλέξηαυτή"),
        ("taxonomy_term_id", str(uuid.UUID(int=1))),
        ("organization_id", str(uuid.UUID(int=1))),
        ("modified_after", "2999-01-01T00:00:00Z"),
    ],
)
def test_a_filter_that_matches_nothing_gives_an_empty_page(
    client, service, name, value
):
    data = get(client, "/services", **{name: value}).json()
    assert data["contents"] == []
    assert data["total_items"] == 0
    assert data["empty"] is True


@pytest.mark.parametrize("name", ["search", "taxonomy_term_id", "organization_id"])
def test_a_filter_keeps_the_service_it_matches(client, service, name):
    value = value_for(client, "/services", name)
    if name == "taxonomy_term_id":
        # One of the service's own terms (the first listed may be a parent).
        detail = get(client, f"/services/{service.translation_key}").json()
        value = detail["attributes"][0]["taxonomy_term"]["id"]
    data = get(client, "/services", **{name: value}).json()
    assert str(service.translation_key) in [item["id"] for item in data["contents"]]


def test_the_api_root_is_where_the_openapi_says(client, db):
    assert client.get(f"{API}/").status_code == 200


@pytest.mark.parametrize("example", OFFICIAL_EXAMPLES)
def test_every_official_example_imports(home, example):
    result = import_file(str(DATA / example))

    assert result.created >= 1
    assert ServicePage.objects.live().count() == result.created
