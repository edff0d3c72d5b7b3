"""Open Referral HSDS 3.0 services → directory models.

:func:`import_services` reads a list of HSDS ``service`` objects with their
related objects nested (what ``/services/{id}`` returns), or our own paged
``/services`` output, and creates or updates — by HSDS ``id``, which is the
``translation_key`` of our models — organisations, locations, taxonomy terms
and live service pages under the (default-locale) directory page.

It runs in one transaction: a bad record raises :class:`HSDSImportError`
naming the record and the field, and nothing of the file is kept. Nested
objects without a model of their own are replaced by what the record says;
their ids are derived again on export (see :mod:`directory.hsds.serialise`).
"""

import datetime
import decimal
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator, slugify
from wagtail.models import Page, Site

from directory.hsds.serialise import (
    ACCESSIBILITY_FEATURES,
    BYDAY,
    CATEGORIES,
    TAXONOMIES,
    TAXONOMY_MODELS,
    default_locale,
    nested_id,
    normalise_lines,
    text_to_paragraphs,
)
from directory.models import (
    Category,
    DirectoryPage,
    Language,
    Location,
    Municipality,
    OpeningHours,
    Organisation,
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

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_FREE = re.compile(r"^(δωρεαν|free|0|0 ?€|€ ?0)\b|\bδωρεαν\b|\bfree of charge\b")


class HSDSImportError(Exception):
    """A record of the file cannot be imported; nothing of the file was kept."""


class FieldError(Exception):
    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


# --- reading values --------------------------------------------------------


def _join(path, key):
    return f"{path}.{key}" if path else key


def _object(value, path, required=True):
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise FieldError(path, "must be an object")
    return value


def _list(data, key, path):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(_join(path, key), "must be a list")
    return value


def _text(data, key, path, required=False, max_length=None):
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise FieldError(_join(path, key), "is required")
        return ""
    if not isinstance(value, str):
        raise FieldError(_join(path, key), "must be a string")
    value = value.strip()
    if required and not value:
        raise FieldError(_join(path, key), "is required")
    if max_length and len(value) > max_length:
        raise FieldError(
            _join(path, key), f"is longer than {max_length} characters ({len(value)})"
        )
    return value


def _line(data, key, path, required=False, max_length=None):
    """A one-line text: whitespace collapsed."""
    value = " ".join(_text(data, key, path, required).split())
    if max_length and len(value) > max_length:
        raise FieldError(
            _join(path, key), f"is longer than {max_length} characters ({len(value)})"
        )
    return value


def _uuid(data, key, path, required=True):
    value = data.get(key)
    if value is None and not required:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError, AttributeError):
        raise FieldError(_join(path, key), f"is not a UUID: {value!r}") from None


def _checked(validator, data, key, path, max_length):
    value = _text(data, key, path, max_length=max_length)
    if value:
        try:
            validator(value)
        except ValidationError:
            raise FieldError(_join(path, key), f"is not valid: {value!r}") from None
    return value


def _url(data, key, path):
    return _checked(URLValidator(), data, key, path, 200)


def _email(data, key, path):
    return _checked(EmailValidator(), data, key, path, 254)


def _age(data, key, path):
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(_join(path, key), "must be a number")
    if value != int(value) or not 0 <= value <= 150:
        raise FieldError(_join(path, key), f"is not an age in years: {value!r}")
    return int(value)


def _coordinate(data, key, path, limit):
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(_join(path, key), "must be a number")
    if not -limit <= value <= limit:
        raise FieldError(_join(path, key), f"is out of range: {value!r}")
    return decimal.Decimal(str(value)).quantize(decimal.Decimal("0.000001"))


def _time(data, key, path):
    value = data.get(key)
    match = _TIME.match(value) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise FieldError(_join(path, key), f"is not a time HH:MM: {value!r}")
    return datetime.time(int(match[1]), int(match[2]))


def _date(data, key, path):
    value = data.get(key)
    if value in (None, ""):
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise FieldError(_join(path, key), f"is not a date YYYY-MM-DD: {value!r}")
    return parsed


def _datetime(data, key, path):
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise FieldError(
            _join(path, key), f"is not a date and time with a time zone: {value!r}"
        )
    return parsed


def slug_for(name, max_length=80):
    """A Latin slug for a Greek (or any) name."""
    text = unicodedata.normalize("NFC", name)
    return slugify(anyascii(text))[:max_length].strip("-") or "item"


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


def _split_step(line):
    """One line of an application process → (title, detail html)."""
    if len(line) <= STEP_TITLE_LENGTH:
        return line, ""
    cut = line.rfind(" ", 0, STEP_TITLE_LENGTH)
    cut = cut if cut > 0 else STEP_TITLE_LENGTH
    title, rest = line[:cut].rstrip(), line[cut:].strip()
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
    """The list of service records in a parsed file: a list, or a paged response."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, list):
        return data
    raise HSDSImportError(
        "The file must hold a JSON list of HSDS services or a paged response "
        "with 'contents'."
    )


def import_services(data):
    """Import every service of ``data``; all or nothing. Returns an ImportResult."""
    records = records_from(data)
    with transaction.atomic():
        importer = _Importer()
        for index, record in enumerate(records):
            record_id = record.get("id") if isinstance(record, dict) else None
            try:
                importer.service(_object(record, "service"))
            except FieldError as error:
                raise HSDSImportError(
                    f"Record {index} (id {record_id}): field {error.path} "
                    f"{error.message}. Nothing was imported."
                ) from error
        importer.link_category_parents()
    return importer.result


def import_file(path):
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
        self.organisations = {}
        self.locations = {}
        self.terms = {}
        self.municipalities = {}
        self.languages = {}
        self.category_parents = {}
        self.directory = None

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

    def language(self, data, path):
        code = _line(data, "code", path, required=True, max_length=12).lower()
        if code not in self.languages:
            name = _line(data, "name", path, max_length=80) or code
            self.languages[code] = Language.objects.get_or_create(
                code=code, defaults={"name": name, "autonym": name}
            )[0]
        return self.languages[code]

    def term(self, attribute, path):
        """The Category or TargetGroup of an attribute, or None for other taxonomies."""
        term = attribute.get("taxonomy_term")
        if term is None:
            term_id = _uuid(attribute, "taxonomy_term_id", path)
            for model in TAXONOMY_MODELS.values():
                found = model.objects.filter(
                    locale=self.locale, translation_key=term_id
                ).first()
                if found:
                    return found
            self.result.warnings.append(f"{path}: unknown taxonomy term {term_id}")
            return None
        path = _join(path, "taxonomy_term")
        term = _object(term, path)
        term_id = _uuid(term, "id", path)
        taxonomy = term.get("taxonomy")
        if not isinstance(taxonomy, str) or taxonomy not in TAXONOMIES:
            taxonomy = next(
                (
                    name
                    for name, info in TAXONOMIES.items()
                    if info["id"] == term.get("taxonomy_id")
                ),
                None,
            )
        if taxonomy is None:
            self.result.warnings.append(
                f"{path}: taxonomy {term.get('taxonomy')!r} is not one of ours; skipped"
            )
            return None
        if term_id in self.terms:
            return self.terms[term_id]
        model = TAXONOMY_MODELS[taxonomy]
        name = _line(term, "name", path, required=True, max_length=120)
        description = _text(term, "description", path)
        found = model.objects.filter(
            locale=self.locale, translation_key=term_id
        ).first()
        if found:
            found.name, found.description = name, description
            found.save()
        else:
            code = _line(term, "code", path, max_length=80)
            slug = slug_for(code or name)
            found = model.objects.filter(locale=self.locale, slug=slug).first()
            if found is None:
                found = model.objects.create(
                    locale=self.locale,
                    translation_key=term_id,
                    name=name,
                    slug=slug,
                    description=description,
                )
        if taxonomy == CATEGORIES and term.get("parent_id"):
            self.category_parents[found] = _uuid(term, "parent_id", path)
        self.terms[term_id] = found
        return found

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

    def organisation(self, data, path):
        org_id = _uuid(data, "id", path)
        name = _line(data, "name", path, required=True, max_length=200)
        values = {
            "name": name,
            "alternate_name": _line(data, "alternate_name", path, max_length=200),
            "description": _text(data, "description", path),
            "website": _url(data, "website", path),
            "email": _email(data, "email", path),
            "phone": self._first_phone(data, path),
        }
        # Every appearance is checked; the first one in the file is saved.
        if org_id in self.organisations:
            return self.organisations[org_id]
        org = Organisation.objects.filter(
            locale=self.locale, translation_key=org_id
        ).first()
        if org is None:
            taken = set(
                Organisation.objects.filter(locale=self.locale).values_list(
                    "slug", flat=True
                )
            )
            org = Organisation(
                locale=self.locale,
                translation_key=org_id,
                slug=unique_slug(slug_for(name), taken),
                kind=_organisation_kind(name),
            )
        for key, value in values.items():
            setattr(org, key, value)
        org.save()
        self.organisations[org_id] = org
        return org

    def _first_phone(self, data, path):
        for index, phone in enumerate(_list(data, "phones", path)):
            phone_path = f"{_join(path, 'phones')}[{index}]"
            return _line(
                _object(phone, phone_path), "number", phone_path, True, max_length=40
            )
        return ""

    def location(self, data, path):
        loc_id = _uuid(data, "id", path)
        name = _line(data, "name", path, required=True, max_length=200)
        location_type = data.get("location_type")
        if location_type == "virtual":
            kind = Location.Kind.VIRTUAL
        elif location_type in ("physical", "postal"):
            is_stop = "κινητή μονάδα" in name.lower()
            kind = Location.Kind.MOBILE_STOP if is_stop else Location.Kind.OFFICE
        else:
            raise FieldError(
                _join(path, "location_type"),
                f"must be physical, postal or virtual, not {location_type!r}",
            )
        values = {
            "name": name,
            "kind": kind,
            "description": _text(data, "description", path),
            "url": _url(data, "url", path),
            "transport_notes": _text(data, "transportation", path),
            "latitude": _coordinate(data, "latitude", path, 90),
            "longitude": _coordinate(data, "longitude", path, 180),
            "phone": self._first_phone(data, path),
            "email": "",
            "address": "",
            "postal_code": "",
            "city": "",
            "municipality": None,
        }
        for index, contact in enumerate(_list(data, "contacts", path)):
            contact_path = f"{_join(path, 'contacts')}[{index}]"
            email = _email(_object(contact, contact_path), "email", contact_path)
            if email:
                values["email"] = email
                break
        addresses = _list(data, "addresses", path)
        if addresses:
            index = next(
                (
                    i
                    for i, address in enumerate(addresses)
                    if isinstance(address, dict)
                    and address.get("address_type") == "physical"
                ),
                0,
            )
            address_path = f"{_join(path, 'addresses')}[{index}]"
            address = _object(addresses[index], address_path)
            street = " ".join(
                part
                for part in (
                    _line(address, "address_1", address_path),
                    _line(address, "address_2", address_path),
                )
                if part
            )
            if len(street) > 200:
                raise FieldError(
                    _join(address_path, "address_1"), "is longer than 200 characters"
                )
            region = _line(address, "region", address_path, max_length=120)
            values.update(
                address=street,
                postal_code=_line(address, "postal_code", address_path, max_length=10),
                city=_line(address, "city", address_path, max_length=100),
                municipality=self.municipality(region) if region else None,
            )
        features = {feature: False for feature, _label in ACCESSIBILITY_FEATURES}
        by_description = {label: feature for feature, label in ACCESSIBILITY_FEATURES}
        notes = []
        for index, item in enumerate(_list(data, "accessibility", path)):
            item_path = f"{_join(path, 'accessibility')}[{index}]"
            description = _line(_object(item, item_path), "description", item_path)
            if description in by_description:
                features[by_description[description]] = True
            elif description:
                notes.append(description)
        values.update(features, accessibility_notes="\n".join(notes))
        languages = [
            self.language(
                _object(item, f"{path}.languages[{i}]"), f"{path}.languages[{i}]"
            )
            for i, item in enumerate(_list(data, "languages", path))
        ]
        hours = self.opening_hours(data, path)
        # Every appearance is checked; the first one in the file is saved.
        if loc_id in self.locations:
            return self.locations[loc_id]

        loc = Location.objects.filter(
            locale=self.locale, translation_key=loc_id
        ).first()
        if loc is None:
            taken = set(
                Location.objects.filter(locale=self.locale).values_list(
                    "slug", flat=True
                )
            )
            loc = Location(
                locale=self.locale,
                translation_key=loc_id,
                slug=unique_slug(slug_for(name), taken),
            )
        for key, value in values.items():
            setattr(loc, key, value)
        loc.languages.set(languages)
        loc.save()
        existing = [
            (h.weekday, h.opens, h.closes, h.valid_from, h.valid_to)
            for h in loc.opening_hours.order_by("sort_order", "pk")
        ]
        wanted = [
            (h.weekday, h.opens, h.closes, h.valid_from, h.valid_to) for h in hours
        ]
        if existing != wanted:
            OpeningHours.objects.filter(location=loc).delete()
            for order, row in enumerate(hours):
                row.location, row.sort_order = loc, order
            OpeningHours.objects.bulk_create(hours)
        self.locations[loc_id] = loc
        return loc

    def opening_hours(self, data, path):
        hours = []
        for index, schedule in enumerate(_list(data, "schedules", path)):
            item_path = f"{_join(path, 'schedules')}[{index}]"
            schedule = _object(schedule, item_path)
            freq = schedule.get("freq") or "WEEKLY"
            if freq != "WEEKLY":
                raise FieldError(
                    _join(item_path, "freq"), f"only WEEKLY is supported, not {freq!r}"
                )
            days = _line(schedule, "byday", item_path, required=True)
            opens = _time(schedule, "opens_at", item_path)
            closes = _time(schedule, "closes_at", item_path)
            if opens == closes:
                raise FieldError(
                    _join(item_path, "closes_at"), "is the same as opens_at"
                )
            valid_from = _date(schedule, "valid_from", item_path)
            valid_to = _date(schedule, "valid_to", item_path)
            if valid_from and valid_to and valid_to < valid_from:
                raise FieldError(
                    _join(item_path, "valid_to"), "comes before valid_from"
                )
            for day in days.split(","):
                day = day.strip().upper()
                if day not in BYDAY:
                    raise FieldError(
                        _join(item_path, "byday"), f"{day!r} is not a day (MO…SU)"
                    )
                hours.append(
                    OpeningHours(
                        weekday=BYDAY.index(day),
                        opens=opens,
                        closes=closes,
                        valid_from=valid_from,
                        valid_to=valid_to,
                    )
                )
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

    def service(self, data):
        service_id = _uuid(data, "id", "")
        name = _line(data, "name", "", required=True, max_length=255)
        description = normalise_lines(_text(data, "description", ""))
        status = data.get("status") or "active"
        if not isinstance(status, str) or status not in STATUS_FROM_HSDS:
            raise FieldError("status", f"is not an HSDS status: {status!r}")
        minimum_age = _age(data, "minimum_age", "")
        maximum_age = _age(data, "maximum_age", "")
        if None not in (minimum_age, maximum_age) and maximum_age < minimum_age:
            raise FieldError("maximum_age", "is lower than minimum_age")
        fees = "\n".join(normalise_lines(_text(data, "fees_description", "")))
        steps = []
        for index, line in enumerate(
            normalise_lines(_text(data, "application_process", ""))
        ):
            title, detail = _split_step(line)
            steps.append(
                {
                    "type": "step",
                    "value": {"title": title, "detail": detail},
                    "id": nested_id(service_id, "step", index),
                }
            )
        values = {
            "title": name,
            "draft_title": name,
            "alternate_name": _line(data, "alternate_name", "", max_length=200),
            "summary": Truncator(" ".join(description)).chars(SUMMARY_LENGTH),
            "description": [
                {
                    "type": "paragraph",
                    "value": text_to_paragraphs([line]),
                    "id": nested_id(service_id, "paragraph", index),
                }
                for index, line in enumerate(description)
            ],
            "status": STATUS_FROM_HSDS[status],
            "status_note": _line(data, "alert", "", max_length=300),
            "website": _url(data, "url", ""),
            "email": _email(data, "email", ""),
            "eligibility": text_to_paragraphs(
                normalise_lines(_text(data, "eligibility_description", ""))
            ),
            "minimum_age": minimum_age,
            "maximum_age": maximum_age,
            "application_steps": steps,
            "fees": fees,
            "is_free": is_free(fees),
            "last_reviewed": _date(data, "assured_date", ""),
        }
        last_modified = _datetime(data, "last_modified", "")

        organisation = None
        if data.get("organization") is not None:
            organisation = self.organisation(
                _object(data["organization"], "organization"), "organization"
            )
        elif data.get("organization_id"):
            org_id = _uuid(data, "organization_id", "")
            organisation = Organisation.objects.filter(
                locale=self.locale, translation_key=org_id
            ).first()
            if organisation is None:
                raise FieldError("organization_id", f"no organisation has id {org_id}")
        values["organisation"] = organisation

        links = []
        for index, item in enumerate(_list(data, "service_at_locations", "")):
            item_path = f"service_at_locations[{index}]"
            item = _object(item, item_path)
            location = self.location(
                _object(item.get("location"), _join(item_path, "location")),
                _join(item_path, "location"),
            )
            links.append(
                ServiceAtLocation(
                    location=location,
                    notes=_line(item, "description", item_path, max_length=300),
                    sort_order=index,
                )
            )
        documents = []
        for index, item in enumerate(_list(data, "required_documents", "")):
            item_path = f"required_documents[{index}]"
            item = _object(item, item_path)
            documents.append(
                RequiredDocument(
                    name=_line(item, "document", item_path, True, max_length=250),
                    url=_url(item, "uri", item_path),
                    sort_order=index,
                )
            )
        contacts = []
        for index, item in enumerate(_list(data, "phones", "")):
            item_path = f"phones[{index}]"
            item = _object(item, item_path)
            number = _line(item, "number", item_path, True, max_length=40)
            contacts.append(
                ServiceContact(
                    name=_line(item, "description", item_path, max_length=150)
                    or number,
                    phone=number,
                )
            )
        for index, item in enumerate(_list(data, "contacts", "")):
            item_path = f"contacts[{index}]"
            item = _object(item, item_path)
            email = _email(item, "email", item_path)
            phone = self._first_phone(item, item_path)
            name = _line(item, "name", item_path, max_length=150) or email or phone
            name = name[:150]
            if name:
                contacts.append(ServiceContact(name=name, phone=phone, email=email))
        for order, contact in enumerate(contacts):
            contact.sort_order = order

        categories, target_groups = [], []
        for index, item in enumerate(_list(data, "attributes", "")):
            item_path = f"attributes[{index}]"
            term = self.term(_object(item, item_path), item_path)
            if term is None:
                continue
            bucket = categories if isinstance(term, Category) else target_groups
            if term not in bucket:
                bucket.append(term)
        languages = []
        for index, item in enumerate(_list(data, "languages", "")):
            item_path = f"languages[{index}]"
            language = self.language(_object(item, item_path), item_path)
            if language not in languages:
                languages.append(language)
        areas = []
        for index, item in enumerate(_list(data, "service_areas", "")):
            item_path = f"service_areas[{index}]"
            area_name = _line(_object(item, item_path), "name", item_path, True, 120)
            area = self.municipality(area_name)
            if area not in areas:
                areas.append(area)

        page = ServicePage.objects.filter(
            locale=self.locale, translation_key=service_id
        ).first()
        before = _snapshot(page) if page else None
        if page is None:
            directory = self.directory_page()
            taken = set(Page.objects.child_of(directory).values_list("slug", flat=True))
            page = ServicePage(
                locale=self.locale,
                translation_key=service_id,
                slug=unique_slug(slug_for(name), taken),
            )
        for key, value in values.items():
            setattr(page, key, value)
        page.categories = categories
        page.target_groups = target_groups
        page.languages = languages
        page.service_areas = areas
        page.service_locations = links
        page.required_documents = documents
        page.contacts = contacts

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
                (link.location_id, link.notes) for link in page.service_locations.all()
            ],
            "documents": [
                (doc.name, doc.note, doc.url) for doc in page.required_documents.all()
            ],
            "contacts": [(c.name, c.phone, c.email) for c in page.contacts.all()],
        },
        default=str,
        sort_keys=True,  # PostgreSQL jsonb does not keep the keys in order
    )
