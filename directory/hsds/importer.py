"""Open Referral HSDS 3.0 services → directory models.

:func:`import_services` reads what the standard allows: one HSDS ``service``
object with its related objects nested (what ``/services/{id}`` returns), a
list of them, or a paged ``/services`` response (``contents``). It creates or
updates — by HSDS ``id``, which is the ``translation_key`` of our models —
organisations, locations, taxonomy terms and live service pages under the
(default-locale) directory page.

Only what the schema requires is required (a service's ``id``, ``name`` and
``status``). The fields are read by the column tables below (see
:mod:`directory.hsds.columns`): each HSDS field, its reader and where it goes.
Ids of nested objects (phones, contacts, addresses, schedules, documents,
service-at-locations) are kept, so that an export gives them back.

It runs in one transaction: every bad record is reported, one line each naming
the record (index and id) and the field, in one :class:`HSDSImportError`, and
nothing of the file is kept. Values that cannot be true and text longer than a
field holds are warnings in :attr:`ImportResult.warnings`, named the same way.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator
from wagtail.models import Page, Site

from core.slugs import slugify
from directory.hsds import columns as read
from directory.hsds import key_facts, tabular
from directory.hsds.columns import Column, FieldError, fit, items, join, read_columns
from directory.hsds.serialise import (
    ACCESSIBILITY_FEATURES,
    BYDAY,
    CATEGORIES,
    TAXONOMIES,
    TAXONOMY_MODELS,
    default_locale,
    nested_id,
    text_to_paragraphs,
)
from directory.models import (
    Category,
    DirectoryPage,
    ForeignTerm,
    Language,
    Location,
    LocationPhone,
    Municipality,
    OpeningHours,
    Organisation,
    OrganisationPhone,
    PhoneType,
    RequiredDocument,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
)

DIRECTORY_SLUG = "programmata-ypiresies"
DIRECTORY_TITLE = "Προγράμματα και υπηρεσίες"
SUMMARY_LENGTH = 400
STEP_TITLE_LENGTH = 160

STATUS_FROM_HSDS = {
    "active": ServicePage.Status.ACTIVE,
    "inactive": ServicePage.Status.INACTIVE,
    "defunct": ServicePage.Status.INACTIVE,
    "temporarily closed": ServicePage.Status.TEMPORARILY_CLOSED,
    "temporarily_closed": ServicePage.Status.TEMPORARILY_CLOSED,
}
LOCATION_TYPES = {"physical": "physical", "postal": "postal", "virtual": "virtual"}
ADDRESS_TYPES = {value: value for value in Location.AddressType.values}
PHONE_TYPES = {value: value for value in PhoneType.values}

#: The key facts read from the labelled lines of the free text (key_facts.py).
KEY_FACT_FIELDS = (
    "benefit",
    "benefit_amount_min",
    "benefit_amount_max",
    "benefit_frequency",
    "income_limit",
    "income_limit_note",
    "assets_limit",
    "assets_limit_note",
)

_FREE = re.compile(r"^(δωρεαν|free|0|0 ?€|€ ?0)\b|\bδωρεαν\b|\bfree of charge\b")

# --- the column tables: each HSDS field, how it is read, where it goes -------

SERVICE_COLUMNS = (
    Column("id", read.hsds_uuid()),
    Column("name", read.line(required=True), "title"),
    Column("alternate_name", read.line(), "alternate_name"),
    # The schema requires a status; a missing one is taken as active.
    Column(
        "status", read.choice(STATUS_FROM_HSDS, ServicePage.Status.ACTIVE), "status"
    ),
    Column("alert", read.line(), "status_note"),
    Column("url", read.url, "website"),
    Column("email", read.email, "email"),
    Column("minimum_age", read.age, "minimum_age"),
    Column("maximum_age", read.age, "maximum_age"),
    Column("assured_date", read.date, "last_reviewed"),
    Column("last_modified", read.date_time),
    # Text that becomes several fields: see _Importer.service_text().
    Column("description", read.lines),
    Column("application_process", read.lines),
    Column("fees_description", read.lines),
    Column("eligibility_description", read.lines),
)

ORGANISATION_COLUMNS = (
    Column("id", read.hsds_uuid()),
    Column("name", read.line(required=True), "name"),
    Column("alternate_name", read.line(), "alternate_name"),
    Column("description", read.text(), "description"),
    Column("website", read.url, "website"),
    Column("email", read.email, "email"),
)

LOCATION_COLUMNS = (
    Column("id", read.hsds_uuid()),
    Column("name", read.line(required=True), "name"),
    Column("location_type", read.choice(LOCATION_TYPES, None)),
    Column("description", read.text(), "description"),
    Column("url", read.url, "url"),
    Column("transportation", read.text(), "transport_notes"),
    Column("latitude", read.coordinate(90), "latitude"),
    Column("longitude", read.coordinate(180), "longitude"),
)

ADDRESS_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "address_hsds_id"),
    Column("address_1", read.line(), "address"),
    Column("address_2", read.line(), "address_2"),
    Column("city", read.line(), "city"),
    Column("region", read.line()),  # our municipality: see _Importer.address()
    Column("state_province", read.line(), "state_province"),
    Column("postal_code", read.line(), "postal_code"),
    Column("country", read.country, "country"),
    Column(
        "address_type",
        read.choice(ADDRESS_TYPES, Location.AddressType.PHYSICAL),
        "address_type",
    ),
)

SCHEDULE_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "schedule_hsds_id"),
    Column("freq", read.choice({"WEEKLY": "WEEKLY"}, "WEEKLY")),
    Column("byday", read.line(required=True)),
    Column("opens_at", read.time, "opens"),
    Column("closes_at", read.time, "closes"),
    Column("valid_from", read.date, "valid_from"),
    Column("valid_to", read.date, "valid_to"),
)

PHONE_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "hsds_id"),
    Column("number", read.line(required=True), "phone"),
    Column("extension", read.extension, "extension"),
    Column("description", read.line()),
)

#: A phone of a location or an organisation (LocationPhone, OrganisationPhone).
OWNED_PHONE_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "hsds_id"),
    Column("number", read.line(required=True), "number"),
    Column("extension", read.extension, "extension"),
    Column("type", read.choice(PHONE_TYPES, ""), "type"),
    Column("description", read.text(), "description"),
)

CONTACT_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "hsds_id"),
    Column("name", read.line()),
    Column("email", read.email, "email"),
)

DOCUMENT_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "hsds_id"),
    Column("document", read.text(required=True), "name"),
    Column("uri", read.url, "url"),
)

SERVICE_AT_LOCATION_COLUMNS = (
    Column("id", read.hsds_uuid(required=False), "hsds_id"),
    Column("description", read.text(), "notes"),
)

LANGUAGE_COLUMNS = (
    Column("code", read.line(required=True), "code"),
    Column("name", read.line(), "name"),
)

TERM_COLUMNS = (
    Column("id", read.hsds_uuid()),
    Column("name", read.line(required=True), "name"),
    Column("description", read.text(), "description"),
    Column("code", read.line()),
)


class HSDSImportError(Exception):
    """The file cannot be imported; nothing of it was kept. One line a problem."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def slug_for(name, max_length=80):
    """A Latin slug for a Greek (or any) name: ELOT 743, the one
    transliteration of every slug (core.slugs); "item" when nothing is left."""
    return slugify(name, max_length=max_length) or "item"


def unique_slug(base, taken):
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = f"{base[: 80 - len(suffix)]}{suffix}"
        number += 1
    return slug


def is_free(fees):
    text = "".join(
        c
        for c in unicodedata.normalize("NFD", fees.lower())
        if not unicodedata.combining(c)
    ).strip()
    return not text or bool(_FREE.search(text))


def _split_step(text):
    """One line of an application process → (title, detail html)."""
    if len(text) <= STEP_TITLE_LENGTH:
        return text, ""
    cut = text.rfind(" ", 0, STEP_TITLE_LENGTH)
    cut = cut if cut > 0 else STEP_TITLE_LENGTH
    title, rest = text[:cut].rstrip(), text[cut:].strip()
    return title, text_to_paragraphs([rest])


def _organisation_kind(name):
    text = name.lower()
    rules = (
        (("δήμο", "δήμος", "δημοτικ"), Organisation.Kind.MUNICIPAL),
        (("περιφέρει",), Organisation.Kind.REGIONAL),
        (("νοσοκομ", "υγεί", "κέντρο ψυχικής"), Organisation.Kind.HEALTH),
        (("μκο", "μη κερδοσκοπ", "σύλλογ", "ένωση", "ngo"), Organisation.Kind.NGO),
        (
            ("δυπα", "οπεκα", "εφκα", "υπουργ", "ααδε", "εθνικ", "κεπα"),
            Organisation.Kind.NATIONAL,
        ),
    )
    for needles, kind in rules:
        if any(needle in text for needle in needles):
            return kind
    return Organisation.Kind.OTHER


# --- the importer ----------------------------------------------------------


def records_from(data):
    """The service records of a parsed file: one service object, a list of
    them, or a paged response with ``contents``."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, dict) and ("id" in data or "name" in data):
        return [data]
    if isinstance(data, list):
        return data
    raise HSDSImportError(
        "The file must hold an HSDS service, a JSON list of services or a paged "
        "response with 'contents'."
    )


def _record_label(index, record):
    record_id = record.get("id") if isinstance(record, dict) else None
    return f"Record {index} (id {record_id})"


def _validation_lines(error):
    """Django's ValidationError as ``field name: message`` parts."""
    if hasattr(error, "message_dict"):
        return [
            f"field {name} {' '.join(messages).rstrip('.')}"
            for name, messages in error.message_dict.items()
        ]
    return [" ".join(error.messages).rstrip(".")]


def import_services(data):
    """Import every service of ``data``; all or nothing. Returns an ImportResult.

    Raises HSDSImportError listing every refused record, one line each.
    """
    records = records_from(data)
    problems = []
    with transaction.atomic():
        importer = _Importer()
        for index, record in enumerate(records):
            label = _record_label(index, record)
            importer.label = label
            try:
                # A savepoint a record: after a refusal the next records are
                # still checked, so the partner gets every problem at once.
                with transaction.atomic():
                    importer.service(read.obj(record, "service"))
            except FieldError as error:
                problems.append(f"{label}: field {error.path} {error.message}.")
                importer.forget()
            except ValidationError as error:
                problems.extend(
                    f"{label}: {line}." for line in _validation_lines(error)
                )
                importer.forget()
        if problems:
            transaction.set_rollback(True)
            raise HSDSImportError("\n".join([*problems, "Nothing was imported."]))
        importer.link_category_parents()
    return importer.result


def import_file(path):
    """Import a JSON file, or a tabular data package (a folder or a zip)."""
    if tabular.is_package(path):
        try:
            services = tabular.read_package(path)
        except tabular.PackageError as error:
            raise HSDSImportError(str(error)) from error
        return import_services(services)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError) as error:
        raise HSDSImportError(f"Cannot read {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise HSDSImportError(f"{path} is not valid JSON: {error}") from error
    return import_services(data)


class _Importer:
    def __init__(self):
        self.locale = default_locale()
        self.result = ImportResult()
        self.label = ""
        self.directory = None
        self.forget()

    def forget(self):
        """Drop what was looked up or saved: after a refused record it may be
        rolled back."""
        self.organisations = {}
        self.locations = {}
        self.terms = {}
        self.municipalities = {}
        self.languages = {}
        self.category_parents = {}
        self.foreign_terms = []
        self.directory = None

    def warn(self, path, message):
        self.result.warnings.append(f"{self.label}: field {path} {message}.")

    def columns(self, table, data, path, model=None):
        return read_columns(table, data, path, self.warn, model)

    def _saved(self, model, cache, hsds_id, name, values, **create):
        """``(object with this HSDS id updated from values, made if new; whether
        this is its first appearance in the file)``: the caller saves it then.

        Every appearance in a file is checked; the first one is saved.
        """
        if hsds_id in cache:
            return cache[hsds_id], False
        found = model.objects.filter(locale=self.locale, translation_key=hsds_id)
        instance = found.first()
        if instance is None:
            taken = set(
                model.objects.filter(locale=self.locale).values_list("slug", flat=True)
            )
            instance = model(
                locale=self.locale,
                translation_key=hsds_id,
                slug=unique_slug(slug_for(name), taken),
                **create,
            )
        for key, value in values.items():
            setattr(instance, key, value)
        cache[hsds_id] = instance
        return instance, True

    # -- taxonomy and small things

    def municipality(self, name):
        if name not in self.municipalities:
            found = Municipality.objects.filter(locale=self.locale, name=name).first()
            if found is None:
                taken = set(
                    Municipality.objects.filter(locale=self.locale).values_list(
                        "slug", flat=True
                    )
                )
                found = Municipality.objects.create(
                    locale=self.locale,
                    name=name,
                    slug=unique_slug(slug_for(name), taken),
                )
            self.municipalities[name] = found
        return self.municipalities[name]

    def service_areas(self, data):
        areas = []
        for path, item in items(data, "service_areas", ""):
            name = read.line(required=True)(item, "name", path)
            area = self.municipality(fit(Municipality, "name", name, path, self.warn))
            if area not in areas:
                areas.append(area)
        return areas

    def languages_of(self, data, path):
        languages = []
        for item_path, item in items(data, "languages", path):
            values = self.columns(LANGUAGE_COLUMNS, item, item_path, Language)
            code = values["code"].lower()
            if code not in self.languages:
                name = values["name"] or code
                self.languages[code] = Language.objects.get_or_create(
                    code=code, defaults={"name": name, "autonym": name}
                )[0]
            if self.languages[code] not in languages:
                languages.append(self.languages[code])
        return languages

    def terms_of(self, data):
        """(categories, target groups) of a service's attributes."""
        categories, target_groups = [], []
        for path, item in items(data, "attributes", ""):
            found = self.term(item, path)
            for term in found if isinstance(found, list) else [found]:
                if term is None:
                    continue
                bucket = categories if isinstance(term, Category) else target_groups
                if term not in bucket:
                    bucket.append(term)
        return categories, target_groups

    def term(self, attribute, path):
        """The Category or TargetGroup of an attribute; for a term of another
        taxonomy, the list of ours it is mapped to (see foreign_term)."""
        term = attribute.get("taxonomy_term")
        if term is None:
            term_id = read.hsds_uuid()(attribute, "taxonomy_term_id", path)
            for model in TAXONOMY_MODELS.values():
                found = model.objects.filter(
                    locale=self.locale, translation_key=term_id
                ).first()
                if found:
                    return found
            foreign = ForeignTerm.objects.filter(hsds_id=term_id).first()
            if foreign is not None:
                self.foreign_terms.append(foreign)
                return foreign.mapped()
            self.warn(join(path, "taxonomy_term_id"), f"is an unknown term {term_id}")
            return None
        path = join(path, "taxonomy_term")
        term = read.obj(term, path)
        taxonomy = self.taxonomy_of(term)
        if taxonomy is None:
            return self.foreign_term(term, path)
        model = TAXONOMY_MODELS[taxonomy]
        values = self.columns(TERM_COLUMNS, term, path, model)
        term_id = values.pop("id")
        code = values.pop("code")
        if term_id in self.terms:
            return self.terms[term_id]
        found = model.objects.filter(
            locale=self.locale, translation_key=term_id
        ).first()
        if found:
            found.name, found.description = values["name"], values["description"]
            found.save()
        else:
            slug = slug_for(code or values["name"])
            found = model.objects.filter(locale=self.locale, slug=slug).first()
            if found is None:
                found = model.objects.create(
                    locale=self.locale, translation_key=term_id, slug=slug, **values
                )
        if taxonomy == CATEGORIES and term.get("parent_id"):
            self.category_parents[found] = read.hsds_uuid()(term, "parent_id", path)
        self.terms[term_id] = found
        return found

    def taxonomy_of(self, term):
        """The name of our taxonomy ``term`` belongs to, or None."""
        taxonomy = term.get("taxonomy")
        if isinstance(taxonomy, str) and taxonomy in TAXONOMIES:
            return taxonomy
        for name, info in TAXONOMIES.items():
            if info["id"] == term.get("taxonomy_id"):
                return name
        return None

    def foreign_term(self, term, path):
        """A term of another taxonomy: kept as a ForeignTerm (made or brought
        up to date) with this service, for editors to map to ours; returns the
        Category and/or TargetGroup it is mapped to (a list, maybe empty)."""
        values = self.columns(TERM_COLUMNS, term, path, ForeignTerm)
        detail = term.get("taxonomy_detail")
        detail = detail if isinstance(detail, dict) else {}
        taxonomy = term.get("taxonomy") or detail.get("name") or ""
        foreign, _created = ForeignTerm.objects.update_or_create(
            hsds_id=values.pop("id"),
            defaults={
                **values,
                "taxonomy": str(taxonomy)[:1000] or "?",
                "taxonomy_uri": str(detail.get("uri") or "")[:2000],
            },
        )
        self.foreign_terms.append(foreign)
        mapped = foreign.mapped()
        if not mapped:
            self.warn(
                join(path, "taxonomy"),
                f"{taxonomy!r} is not one of our taxonomies; the term "
                f"{foreign.name!r} is kept for an editor to map to ours",
            )
        return mapped

    def link_category_parents(self):
        categories = TAXONOMY_MODELS[CATEGORIES]
        for category, parent_id in self.category_parents.items():
            parent = categories.objects.filter(
                locale=self.locale, translation_key=parent_id
            ).first()
            if parent and parent.pk != category.pk and category.parent_id != parent.pk:
                category.parent = parent
                category.save(update_fields=["parent"])

    # -- organisations and locations

    def organisation_of(self, data):
        if data.get("organization") is not None:
            return self.organisation(
                read.obj(data["organization"], "organization"), "organization"
            )
        if not data.get("organization_id"):
            return None
        org_id = read.hsds_uuid()(data, "organization_id", "")
        found = Organisation.objects.filter(
            locale=self.locale, translation_key=org_id
        ).first()
        if found is None:
            raise FieldError("organization_id", f"no organisation has id {org_id}")
        return found

    def organisation(self, data, path):
        values = self.columns(ORGANISATION_COLUMNS, data, path, Organisation)
        phones = self.phones(data, path, OrganisationPhone)
        org_id = values.pop("id")
        org, first = self._saved(
            Organisation,
            self.organisations,
            org_id,
            values["name"],
            values,
            kind=_organisation_kind(values["name"]),
        )
        if first:
            org.save()
            self.save_phones(org, phones)
        return org

    def phones(self, data, path, model):
        """Every phone of a location or an organisation (``model``: its phone
        model), unsaved, in the file's order."""
        return [
            model(
                sort_order=order, **self.columns(OWNED_PHONE_COLUMNS, item, at, model)
            )
            for order, (at, item) in enumerate(items(data, "phones", path))
        ]

    def save_phones(self, owner, phones):
        """Replace the owner's phones with ``phones`` (all of one model, made by
        :meth:`phones`), unless they are the same: an unchanged file leaves the
        rows alone."""
        model = type(owner).phones.rel.related_model
        key = type(owner).phones.field.name
        stored = model.objects.filter(**{key: owner}).order_by("sort_order", "pk")

        def shape(rows):
            return [
                (p.number, p.extension, p.type, p.description, str(p.hsds_id or ""))
                for p in rows
            ]

        if shape(stored) == shape(phones):
            return
        stored.delete()
        for phone in phones:
            setattr(phone, key, owner)
        model.objects.bulk_create(phones)

    def address(self, data, path):
        """The location fields of its physical address (else its first one)."""
        addresses = items(data, "addresses", path)
        values = {
            column.attribute: "" for column in ADDRESS_COLUMNS if column.attribute
        }
        values.update(
            address_hsds_id=None,
            address_type=Location.AddressType.PHYSICAL,
            municipality=None,
        )
        if not addresses:
            return values
        physical = [a for a in addresses if a[1].get("address_type") == "physical"]
        address_path, address = (physical or addresses)[0]
        values.update(self.columns(ADDRESS_COLUMNS, address, address_path, Location))
        region = fit(
            Municipality, "name", values.pop("region"), address_path, self.warn
        )
        values["municipality"] = self.municipality(region) if region else None
        return values

    def accessibility(self, data, path):
        features = {feature: False for feature, _label in ACCESSIBILITY_FEATURES}
        by_description = {label: feature for feature, label in ACCESSIBILITY_FEATURES}
        notes = []
        for item_path, item in items(data, "accessibility", path):
            description = read.line()(item, "description", item_path)
            if description in by_description:
                features[by_description[description]] = True
            elif description:
                notes.append(description)
        return {**features, "accessibility_notes": "\n".join(notes)}

    def location(self, data, path):
        values = self.columns(LOCATION_COLUMNS, data, path, Location)
        loc_id = values.pop("id")
        location_type = values.pop("location_type")
        if location_type is None:
            raise FieldError(
                join(path, "location_type"), "must be physical, postal or virtual"
            )
        if location_type == "virtual":
            values["kind"] = Location.Kind.VIRTUAL
        elif "κινητή μονάδα" in values["name"].lower():
            values["kind"] = Location.Kind.MOBILE_STOP
        else:
            values["kind"] = Location.Kind.OFFICE
        phones = self.phones(data, path, LocationPhone)
        values["email"] = ""
        for contact_path, contact in items(data, "contacts", path):
            values["email"] = read.email(contact, "email", contact_path)
            if values["email"]:
                break
        values.update(self.address(data, path))
        values.update(self.accessibility(data, path))
        languages = self.languages_of(data, path)
        hours = self.opening_hours(data, path)
        loc, first = self._saved(
            Location, self.locations, loc_id, values["name"], values
        )
        if first:
            loc.languages.set(languages)
            loc.save()
            self.save_hours(loc, hours)
            self.save_phones(loc, phones)
        return loc

    def save_hours(self, loc, hours):
        def shape(rows):
            return [
                (h.weekday, h.opens, h.closes, h.valid_from, h.valid_to)
                + (str(h.schedule_hsds_id or ""),)
                for h in rows
            ]

        if shape(loc.opening_hours.order_by("sort_order", "pk")) != shape(hours):
            OpeningHours.objects.filter(location=loc).delete()
            for order, row in enumerate(hours):
                row.location, row.sort_order = loc, order
            OpeningHours.objects.bulk_create(hours)

    def opening_hours(self, data, path):
        hours = []
        for item_path, schedule in items(data, "schedules", path):
            values = self.columns(SCHEDULE_COLUMNS, schedule, item_path, OpeningHours)
            if values["opens"] == values["closes"]:
                raise FieldError(
                    join(item_path, "closes_at"), "is the same as opens_at"
                )
            if (
                values["valid_from"]
                and values["valid_to"]
                and values["valid_to"] < values["valid_from"]
            ):
                raise FieldError(join(item_path, "valid_to"), "comes before valid_from")
            values.pop("freq")
            days = values.pop("byday")
            for day in days.split(","):
                day = day.strip().upper()
                if day not in BYDAY:
                    raise FieldError(
                        join(item_path, "byday"), f"{day!r} is not a day (MO…SU)"
                    )
                hours.append(OpeningHours(weekday=BYDAY.index(day), **values))
        hours.sort(key=lambda h: (h.weekday, h.opens, h.closes))
        return hours

    # -- services

    def directory_page(self):
        """The directory under the default site's home page, made if missing."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page")
        home = site.first().root_page if site.exists() else None
        if self.directory is None and home is not None:
            self.directory = DirectoryPage.objects.child_of(home).first()
        if self.directory is None:
            if home is None:
                raise HSDSImportError(
                    "There is no home page in the default language to hold the "
                    "directory page."
                )
            self.directory = home.add_child(
                instance=DirectoryPage(
                    title=DIRECTORY_TITLE, slug=DIRECTORY_SLUG, locale=self.locale
                )
            )
            self.directory.save_revision().publish()
        return self.directory

    def service_text(self, service_id, values):
        """The page fields made from HSDS free text (description, application
        process, fees, eligibility); a missing description leaves the summary
        empty, as an editor may. The key-fact lines of an export are read back
        into their fields (directory.hsds.key_facts); a fact a file does not
        give is emptied."""
        description, facts = key_facts.parse_lines(values.pop("description"))
        eligibility, limits = key_facts.parse_lines(
            values.pop("eligibility_description")
        )
        facts.update(limits)
        for name in KEY_FACT_FIELDS:
            value = facts.get(name, ServicePage._meta.get_field(name).get_default())
            values[name] = fit(ServicePage, name, value, "description", self.warn)
        steps = []
        for index, text in enumerate(values.pop("application_process")):
            title, detail = _split_step(text)
            steps.append(
                {
                    "type": "step",
                    "value": {"title": title, "detail": detail},
                    "id": nested_id(service_id, "step", index),
                }
            )
        fees = "\n".join(values.pop("fees_description"))
        values.update(
            summary=Truncator(" ".join(description)).chars(SUMMARY_LENGTH),
            description=[
                {
                    "type": "paragraph",
                    "value": text_to_paragraphs([text]),
                    "id": nested_id(service_id, "paragraph", index),
                }
                for index, text in enumerate(description)
            ],
            application_steps=steps,
            fees=fees,
            is_free=is_free(fees),
            eligibility=text_to_paragraphs(eligibility),
        )

    def application_window(self, data, values):
        """applications_open/close from the service-level schedule that gives
        the application window: ours (described as such) or any schedule with
        dates only, no days or times."""
        values["applications_open"] = values["applications_close"] = None
        for path, schedule in items(data, "schedules", ""):
            ours = schedule.get("description") == key_facts.WINDOW_DESCRIPTION
            dates_only = not any(
                schedule.get(key) for key in ("byday", "opens_at", "closes_at")
            )
            if not (ours or dates_only):
                continue
            opens = read.date(schedule, "valid_from", path, self.warn)
            closes = read.date(schedule, "valid_to", path, self.warn)
            if opens and closes and closes < opens:
                raise FieldError(join(path, "valid_to"), "comes before valid_from")
            if opens or closes:
                values["applications_open"] = opens
                values["applications_close"] = closes
                return

    def service_locations(self, data):
        links = []
        for order, (path, item) in enumerate(items(data, "service_at_locations", "")):
            values = self.columns(
                SERVICE_AT_LOCATION_COLUMNS, item, path, ServiceAtLocation
            )
            location_path = join(path, "location")
            location = self.location(
                read.obj(item.get("location"), location_path), location_path
            )
            links.append(
                ServiceAtLocation(location=location, sort_order=order, **values)
            )
        return links

    def documents(self, data):
        return [
            RequiredDocument(
                sort_order=order,
                **self.columns(DOCUMENT_COLUMNS, item, path, RequiredDocument),
            )
            for order, (path, item) in enumerate(items(data, "required_documents", ""))
        ]

    def contacts(self, data):
        """A service's phones and contacts (people or offices), in that order."""
        contacts = []
        for path, item in items(data, "phones", ""):
            values = self.columns(PHONE_COLUMNS, item, path, ServiceContact)
            description = values.pop("description")
            contacts.append(
                ServiceContact(
                    kind=ServiceContact.Kind.PHONE,
                    name=description or values["phone"],
                    **values,
                )
            )
        for path, item in items(data, "contacts", ""):
            values = self.columns(CONTACT_COLUMNS, item, path, ServiceContact)
            values["phone"], values["extension"], values["phone_hsds_id"] = (
                "",
                None,
                None,
            )
            for phone_path, phone in items(item, "phones", path)[:1]:
                phone_values = self.columns(
                    PHONE_COLUMNS, phone, phone_path, ServiceContact
                )
                values.update(
                    phone=phone_values["phone"],
                    extension=phone_values["extension"],
                    phone_hsds_id=phone_values["hsds_id"],
                )
            # The contact's own name, never the service's: it is not a title.
            contact_name = values.pop("name") or values["email"] or values["phone"]
            if contact_name:
                contacts.append(
                    ServiceContact(
                        kind=ServiceContact.Kind.CONTACT, name=contact_name, **values
                    )
                )
        for order, contact in enumerate(contacts):
            contact.sort_order = order
        return contacts

    def service(self, data):
        values = self.columns(SERVICE_COLUMNS, data, "", ServicePage)
        service_id = values.pop("id")
        last_modified = values.pop("last_modified")
        if None not in (values["minimum_age"], values["maximum_age"]) and (
            values["maximum_age"] < values["minimum_age"]
        ):
            raise FieldError("maximum_age", "is lower than minimum_age")
        self.service_text(service_id, values)
        self.application_window(data, values)
        values["draft_title"] = values["title"]
        values["organisation"] = self.organisation_of(data)
        self.foreign_terms = []
        categories, target_groups = self.terms_of(data)
        foreign_terms = self.foreign_terms
        relations = {
            "categories": categories,
            "target_groups": target_groups,
            "languages": self.languages_of(data, ""),
            "service_areas": self.service_areas(data),
            "service_locations": self.service_locations(data),
            "required_documents": self.documents(data),
            "contacts": self.contacts(data),
        }
        page = ServicePage.objects.filter(
            locale=self.locale, translation_key=service_id
        ).first()
        before = _snapshot(page) if page else None
        if page is None:
            taken = set(
                Page.objects.child_of(self.directory_page()).values_list(
                    "slug", flat=True
                )
            )
            page = ServicePage(
                locale=self.locale,
                translation_key=service_id,
                slug=unique_slug(slug_for(values["title"]), taken),
            )
        if before is not None:
            for name in ("service_locations", "required_documents", "contacts"):
                keep_translation_keys(getattr(page, name).all(), relations[name])
        for key, value in {**values, **relations}.items():
            setattr(page, key, value)
        page = self.publish(page, before, last_modified)
        page.foreign_terms.set(foreign_terms)
        return page

    def publish(self, page, before, last_modified):
        if before is not None:
            if before == _snapshot(page) and page.live:
                self.result.unchanged += 1
                return page
            self.result.updated += 1
        else:
            page = self.directory_page().add_child(instance=page)
            self.result.created += 1
        page.save_revision().publish()
        if last_modified is not None:
            ServicePage.objects.filter(pk=page.pk).update(
                last_published_at=last_modified
            )
        return page


def keep_translation_keys(old_rows, new_rows):
    """Each new inline row takes the translation key of the row it replaces,
    found by HSDS id, else by place in the list, so that the rows of the
    page's translations (wagtail-localize matches them by that key) and
    their translated texts stay linked across imports."""
    old_rows = list(old_rows)
    # Stored ids are UUIDs, ids just read are their text.
    by_id = {str(row.hsds_id): row for row in old_rows if row.hsds_id}
    taken = set()
    for position, row in enumerate(new_rows):
        old = by_id.get(str(row.hsds_id)) if row.hsds_id else None
        if old is None and not by_id and position < len(old_rows):
            old = old_rows[position]
        # A key once only: two rows of a page in one locale cannot share it.
        if old is not None and old.translation_key not in taken:
            row.translation_key = old.translation_key
            taken.add(old.translation_key)


def _same_text(value):
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def _snapshot(page):
    """What an import sets on a service page, to tell whether it changed."""
    stream = ServicePage._meta.get_field("description")
    steps = ServicePage._meta.get_field("application_steps")
    return json.dumps(
        {
            "fields": [
                page.title,
                page.alternate_name,
                page.summary,
                page.status,
                page.status_note,
                page.website,
                page.email,
                page.eligibility,
                page.minimum_age,
                page.maximum_age,
                page.fees,
                page.is_free,
                # 70 and 70.00 are the same amount, read back or not.
                *(_same_text(getattr(page, name)) for name in KEY_FACT_FIELDS),
                str(page.applications_open),
                str(page.applications_close),
                str(page.last_reviewed),
                page.organisation_id,
            ],
            "description": stream.get_prep_value(page.description),
            "steps": steps.get_prep_value(page.application_steps),
            "categories": sorted(c.pk for c in page.categories.all()),
            "target_groups": sorted(t.pk for t in page.target_groups.all()),
            "languages": sorted(lang.pk for lang in page.languages.all()),
            "areas": sorted(a.pk for a in page.service_areas.all()),
            "locations": [
                (link.location_id, link.notes, link.hsds_id)
                for link in page.service_locations.all()
            ],
            "documents": [
                (doc.name, doc.note, doc.url, doc.hsds_id)
                for doc in page.required_documents.all()
            ],
            "contacts": [
                (c.kind, c.name, c.phone, c.extension, c.email, c.hsds_id)
                + (c.phone_hsds_id,)
                for c in page.contacts.all()
            ],
        },
        default=str,
        sort_keys=True,  # PostgreSQL jsonb does not keep the keys in order
    )
