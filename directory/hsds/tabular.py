"""The HSDS 3.0 tabular data package ↔ nested HSDS service objects.

A tabular package is a folder (or a zip of one) with ``datapackage.json`` and
one CSV file a table (``services.csv``, ``phones.csv``...), as in the
specification's ``examples/csv/``; rows point to their parents by id columns
(``service_id``, ``location_id``...). :func:`read_package` assembles the
nested service objects :func:`directory.hsds.importer.import_services` reads,
so a package is imported by the same rules as a JSON file;
:func:`write_package` flattens the nested objects of
:func:`directory.hsds.serialise.export_services`, so a package round-trips like
the JSON does. A row that belongs to several parents (a phone of a service and
of its contact) is one row with each parent's id, as in the official example.
"""

import csv
import io
import json
import zipfile
from pathlib import Path

#: Table → (resource name in datapackage.json, file, the columns Kentro writes).
TABLES = {
    "services": (
        "service",
        "services.csv",
        [
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "alert",
            "last_modified",
        ],
    ),
    "organizations": (
        "organization",
        "organizations.csv",
        ["id", "name", "alternate_name", "description", "email", "website"],
    ),
    "service_at_location": (
        "service_at_location",
        "service_at_location.csv",
        ["id", "service_id", "location_id", "description"],
    ),
    "locations": (
        "location",
        "locations.csv",
        [
            "id",
            "location_type",
            "url",
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
        ],
    ),
    "addresses": (
        "address",
        "addresses.csv",
        [
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    "phones": (
        "phone",
        "phones.csv",
        [
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "number",
            "extension",
            "type",
            "description",
        ],
    ),
    "contacts": (
        "contact",
        "contacts.csv",
        ["id", "organization_id", "service_id", "location_id", "name", "email"],
    ),
    "schedules": (
        "schedule",
        "schedules.csv",
        [
            "id",
            "service_id",
            "location_id",
            "valid_from",
            "valid_to",
            "freq",
            "byday",
            "opens_at",
            "closes_at",
            "description",
        ],
    ),
    "required_documents": (
        "required_document",
        "required_documents.csv",
        ["id", "service_id", "document", "uri"],
    ),
    "service_areas": (
        "service_area",
        "service_areas.csv",
        ["id", "service_id", "name"],
    ),
    "languages": (
        "language",
        "languages.csv",
        ["id", "service_id", "location_id", "name", "code"],
    ),
    "accessibility": (
        "accessibility",
        "accessibility.csv",
        ["id", "location_id", "description"],
    ),
    "attributes": (
        "attribute",
        "attributes.csv",
        ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
    ),
    "taxonomy_terms": (
        "taxonomy_term",
        "taxonomy_terms.csv",
        ["id", "code", "name", "description", "parent_id", "taxonomy", "taxonomy_id"],
    ),
}

#: Cells that HSDS types as numbers (CSV cells are all text).
NUMBERS = {"latitude", "longitude", "minimum_age", "maximum_age", "extension"}

#: Nested lists of an object kind: (key in the object, table, parent column).
CHILDREN = {
    "service": [
        ("phones", "phones", "service_id"),
        ("contacts", "contacts", "service_id"),
        ("required_documents", "required_documents", "service_id"),
        ("service_areas", "service_areas", "service_id"),
        ("languages", "languages", "service_id"),
        ("attributes", "attributes", "link_id"),
        ("schedules", "schedules", "service_id"),
        ("service_at_locations", "service_at_location", "service_id"),
    ],
    "location": [
        ("addresses", "addresses", "location_id"),
        ("phones", "phones", "location_id"),
        ("contacts", "contacts", "location_id"),
        ("schedules", "schedules", "location_id"),
        ("accessibility", "accessibility", "location_id"),
        ("languages", "languages", "location_id"),
    ],
    "organization": [("phones", "phones", "organization_id")],
    "contacts": [("phones", "phones", "contact_id")],
}
KIND_OF_TABLE = {"contacts": "contacts"}


class PackageError(Exception):
    """The package cannot be read."""


# --- reading ----------------------------------------------------------------


def is_package(path):
    path = Path(path)
    return path.is_dir() or path.suffix.lower() == ".zip"


def _files(path):
    """``{file name: text}`` of a folder or a zip."""
    path = Path(path)
    try:
        if path.is_dir():
            return {
                child.name: child.read_text(encoding="utf-8-sig")
                for child in path.iterdir()
                if child.suffix in (".csv", ".json")
            }
        with zipfile.ZipFile(path) as archive:
            return {
                Path(name).name: archive.read(name).decode("utf-8-sig")
                for name in archive.namelist()
                if name.endswith((".csv", ".json"))
            }
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as error:
        raise PackageError(f"Cannot read {path}: {error}") from error


def _paths(files):
    """Table → file name, from datapackage.json (its resources are named
    in the singular: ``service`` is ``services.csv``)."""
    if "datapackage.json" not in files:
        raise PackageError("The package has no datapackage.json.")
    try:
        resources = json.loads(files["datapackage.json"]).get("resources", [])
    except (json.JSONDecodeError, AttributeError) as error:
        raise PackageError(f"datapackage.json is not valid: {error}") from error
    by_name = {
        resource.get("name"): resource.get("path")
        for resource in resources
        if isinstance(resource, dict)
    }
    return {
        table: by_name.get(resource) or default
        for table, (resource, default, _columns) in TABLES.items()
    }


def _cell(key, value):
    if key in NUMBERS:
        try:
            number = float(value)
        except ValueError:
            return value  # the importer names the field and refuses it
        return int(number) if number.is_integer() else number
    return value


def _rows(text, name):
    try:
        reader = csv.DictReader(io.StringIO(text))
        return [
            {key: _cell(key, value) for key, value in row.items() if key and value}
            for row in reader
        ]
    except csv.Error as error:
        raise PackageError(f"{name} is not valid CSV: {error}") from error


def read_package(path):
    """The nested HSDS service objects of a tabular package (folder or zip)."""
    files = _files(path)
    tables = {}
    for table, name in _paths(files).items():
        tables[table] = _rows(files[name], name) if name in files else []
    by_id = {
        table: {row["id"]: row for row in rows if "id" in row}
        for table, rows in tables.items()
    }

    def children(kind, parent_id, seen):
        nested = {}
        for key, table, column in CHILDREN.get(kind, []):
            found = [row for row in tables[table] if row.get(column) == parent_id]
            if found:
                nested[key] = [assemble(table, row, seen) for row in found]
        return nested

    def assemble(table, row, seen=frozenset()):
        data = {
            key: value
            for key, value in row.items()
            if not (key.endswith("_id") and key != "taxonomy_term_id")
            or key in ("parent_id", "taxonomy_id")
        }
        if row.get("id") in seen:  # a row cannot hold itself
            return data
        seen = seen | {row.get("id")}
        data.update(children(KIND_OF_TABLE.get(table, table), row.get("id"), seen))
        if table == "service_at_location" and row.get("location_id"):
            location = by_id["locations"].get(row["location_id"])
            if location is not None:
                data["location"] = {
                    **location,
                    **children("location", location["id"], seen),
                }
        if table == "attributes" and row.get("taxonomy_term_id"):
            data["taxonomy_term_id"] = row["taxonomy_term_id"]
            term = by_id["taxonomy_terms"].get(row["taxonomy_term_id"])
            if term is not None:
                data["taxonomy_term"] = term
        return data

    services = []
    for row in tables["services"]:
        service = {k: v for k, v in row.items() if k != "organization_id"}
        service.update(children("service", row.get("id"), frozenset({row.get("id")})))
        organization = by_id["organizations"].get(row.get("organization_id"))
        if organization is not None:
            service["organization"] = {
                **organization,
                **children("organization", organization["id"], frozenset()),
            }
        elif row.get("organization_id"):
            service["organization_id"] = row["organization_id"]
        services.append(service)
    return services


# --- writing ----------------------------------------------------------------


def _text(value):
    if value is None:
        return ""
    return str(value)


def flatten(services):
    """Table → rows of the nested service objects; one row an id."""
    tables = {table: {} for table in TABLES}

    def put(table, data, parent=None):
        columns = TABLES[table][2]
        row = {column: data.get(column) for column in columns}
        if parent:
            row.update(parent)
        existing = tables[table].setdefault(row["id"], row)
        for column, value in row.items():
            if existing.get(column) in (None, "") and value not in (None, ""):
                existing[column] = value

    def walk(kind, data):
        for key, table, column in CHILDREN.get(kind, []):
            for child in data.get(key, []):
                put(table, child, {column: data["id"]})
                if table == "service_at_location":
                    location = child["location"]
                    tables["service_at_location"][child["id"]]["location_id"] = (
                        location["id"]
                    )
                    put("locations", location)
                    walk("location", location)
                elif table == "attributes" and "taxonomy_term" in child:
                    put("taxonomy_terms", child["taxonomy_term"])
                else:
                    walk(KIND_OF_TABLE.get(table, table), child)

    for service in services:
        organization = service.get("organization")
        row = dict(service)
        if organization:
            row["organization_id"] = organization["id"]
            put("organizations", organization)
            walk("organization", organization)
        put("services", row)
        walk("service", service)
    return {table: list(rows.values()) for table, rows in tables.items()}


def _csv(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(row.get(column)) for column in columns])
    return out.getvalue()


def package_files(services):
    """``{file name: text}``: datapackage.json and one CSV a table."""
    tables = flatten(services)
    files = {}
    resources = []
    for table, (resource, name, columns) in TABLES.items():
        files[name] = _csv(columns, tables[table])
        resources.append(
            {
                "name": resource,
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": column} for column in columns]},
            }
        )
    files["datapackage.json"] = (
        json.dumps(
            {
                "name": "kentro-directory",
                "profile": "tabular-data-package",
                "version": "3.0",
                "resources": resources,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    return files


def write_package(services, path):
    """Write the package to a folder, or to a zip if ``path`` ends in .zip."""
    path = Path(path)
    files = package_files(services)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
