"""Validation against the official Open Referral HSDS 3.0 schemas.

The helpers here are shared by the other HSDS tests; the tests check that the
validation is real (it accepts the shared data set and rejects broken objects).
"""

import copy
import functools
import json
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# These tests describe a new site: the seeded demo directory is set aside.
pytestmark = pytest.mark.usefixtures("directory_emptied_for_module", "empty_directory")

SHARED = Path(settings.BASE_DIR).parent / "shared"
SCHEMA_DIR = SHARED / "hsds-schema"
DATA_FILE = SHARED / "data" / "services.hsds.json"
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "urn:kentro:hsds:openapi.json"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}

needs_schemas = pytest.mark.skipif(
    not SCHEMA_DIR.is_dir(), reason=f"the HSDS schemas are not at {SCHEMA_DIR}"
)
needs_data = pytest.mark.skipif(
    not DATA_FILE.is_file(), reason=f"the shared HSDS data set is not at {DATA_FILE}"
)


def _load(name):
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@functools.cache
def _registry():
    service = _load("service.json")
    term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    resources = {
        OPENAPI: _load("openapi.json"),
        f"{SPEC}compiled/service.json": service,
        f"{SPEC}taxonomy_term.json": term,
        f"{SPEC}taxonomy.json": term["properties"]["taxonomy_detail"],
    }
    for name in (
        "service_list",
        "organization",
        "organization_list",
        "service_at_location_list",
    ):
        resources[f"{SPEC}compiled/{name}.json"] = _load(f"{name}.json")
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources.items()
    )


def registry():
    if not SCHEMA_DIR.is_dir():
        pytest.skip(f"the HSDS schemas are not at {SCHEMA_DIR}")
    return _registry()


@functools.cache
def _validator(ref):
    return Draft202012Validator(
        {"$ref": ref},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors(instance, ref):
    registry()
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator(ref).iter_errors(instance)
    ]


def validate_service(data):
    assert errors(data, f"{SPEC}compiled/service.json") == []


def validate_organization(data):
    assert errors(data, f"{SPEC}compiled/organization.json") == []


def validate_page(data, path):
    """A paged response of the API, against the OpenAPI response of ``path``."""
    assert set(data) >= PAGE_KEYS
    pointer = path.replace("/", "~1")
    ref = (
        f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    )
    assert errors(data, ref) == []


def validate_root(data):
    assert (
        errors(
            data,
            f"{OPENAPI}#/paths/~1/get/responses/200/content/application~1json/schema",
        )
        == []
    )


@needs_schemas
@needs_data
def test_the_shared_data_set_is_valid_hsds():
    for service in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        validate_service(service)


@needs_schemas
@needs_data
def test_the_validation_rejects_a_broken_service():
    service = copy.deepcopy(json.loads(DATA_FILE.read_text(encoding="utf-8"))[0])
    service["status"] = "open"
    service["id"] = "not-a-uuid"
    del service["name"]
    found = errors(service, f"{SPEC}compiled/service.json")
    assert len(found) == 3


@needs_schemas
def test_the_validation_rejects_a_broken_page():
    page = {"total_items": "many", "contents": [{"name": "no id"}]}
    assert errors(
        page,
        f"{OPENAPI}#/paths/~1services/get/responses/200/content/application~1json/schema",
    )
