"""Directory models → Open Referral HSDS 3.0 objects (plain dicts, ready for JSON).

The HSDS id of a model that has one is its ``translation_key``; nested objects
without a model of their own (addresses, schedules, phones...) get ids derived
with :func:`nested_id` from their parent's id, so that they stay the same from
one export to the next and survive an export → import → export round trip.

Optional fields are left out rather than sent as null, as the official schemas
ask. Only the default-locale (Greek) content is served: the API is
language-neutral.
"""

import html
import re
import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.utils.html import strip_tags
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from core import privacy
from directory.hsds import key_facts
from directory.models import (
    Category,
    Location,
    OpeningHours,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
    TargetGroup,
)

HSDS_VERSION = "3.0"

#: The namespace of every id derived for a nested object without a model.
NAMESPACE = uuid.UUID("6f1d4b8e-5a57-4c0f-9a55-3d2b8f0c7e21")

CATEGORIES = "kentro-categories"
TARGET_GROUPS = "kentro-target-groups"

#: The two taxonomies Kentro publishes; the ids are those of the shared data set.
TAXONOMIES = {
    CATEGORIES: {
        "id": "1a90e9c4-d5b2-5bc4-8332-368f585f96e7",
        "name": CATEGORIES,
        "description": "Κατηγορίες υπηρεσιών του καταλόγου του Κέντρου Κοινότητας",
    },
    TARGET_GROUPS: {
        "id": "f99c2686-7401-5cc9-b48e-aa5061d0c196",
        "name": TARGET_GROUPS,
        "description": "Ομάδες πληθυσμού στις οποίες απευθύνονται οι υπηρεσίες",
    },
}
TAXONOMY_MODELS = {CATEGORIES: Category, TARGET_GROUPS: TargetGroup}

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

STATUS_TO_HSDS = {
    ServicePage.Status.ACTIVE: "active",
    ServicePage.Status.TEMPORARILY_CLOSED: "temporarily closed",
    ServicePage.Status.INACTIVE: "inactive",
}

#: Location features exported as accessibility entries (and recognised on import).
ACCESSIBILITY_FEATURES = (
    ("step_free_access", "Είσοδος χωρίς σκαλοπάτια"),
    ("accessible_toilet", "Προσβάσιμη τουαλέτα"),
    ("lift", "Ανελκυστήρας σε όλους τους ορόφους"),
    ("hearing_loop", "Επαγωγικός βρόχος για βαρήκοα άτομα"),
)

FREE_TEXT = "Δωρεάν"


def nested_id(parent_id, kind, key):
    """A stable UUID for a nested object that has no model (and no id) of its own."""
    return str(uuid.uuid5(NAMESPACE, f"{parent_id}:{kind}:{key}"))


def kept_id(stored, parent_id, kind, key):
    """The id a nested object came with from an imported file, else a derived one."""
    return str(stored) if stored else nested_id(parent_id, kind, key)


def hsds_id(obj):
    return str(obj.translation_key)


def default_locale():
    return Locale.get_default()


# --- text ------------------------------------------------------------------

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|li|h[1-6]|div|blockquote)\s*>")


def normalise_lines(text):
    """Non-empty lines with their whitespace collapsed."""
    lines = (" ".join(line.split()) for line in str(text or "").splitlines())
    return [line for line in lines if line]


def html_to_text(value):
    """Rich text → plain text, one line per paragraph or list item."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", str(value or ""))))
    return "\n".join(normalise_lines(text))


def text_to_paragraphs(text):
    """Plain text → escaped HTML paragraphs, one per line (inverse of html_to_text)."""
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text)


def stream_text(stream):
    lines = []
    for block in stream:
        if block.block_type == "paragraph":
            lines.append(html_to_text(block.value.source))
        elif block.block_type == "heading":
            lines.append(html_to_text(html.escape(block.value["text"])))
    return "\n".join(line for line in lines if line)


def step_text(step):
    """One application step on one line: its title, then its details if any."""
    parts = [step.value["title"], html_to_text(step.value["detail"].source)]
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip())


# --- building blocks -------------------------------------------------------


def _put(data, key, value):
    """Set an optional field, leaving it out when empty."""
    if value is not None and value != "" and value != []:
        data[key] = value


def taxonomy_term(term, taxonomy, with_parent=False):
    """A term; its parent_id only in /taxonomy_terms, where the parent is listed too.

    A service carries only its own terms, so a parent_id there could point to a
    term missing from an exported file and would not survive a round trip.
    """
    data = {"id": hsds_id(term), "code": term.slug, "name": term.name}
    data["description"] = term.description or ""
    if with_parent and taxonomy == CATEGORIES and term.parent_id:
        data["parent_id"] = hsds_id(term.parent)
    data["taxonomy"] = taxonomy
    data["taxonomy_id"] = TAXONOMIES[taxonomy]["id"]
    return data


def organisation(org):
    data = {"id": hsds_id(org), "name": org.name}
    _put(data, "alternate_name", org.alternate_name)
    data["description"] = org.description or ""
    _put(data, "email", org.email)
    _put(data, "website", org.website)
    _put(data, "phones", owned_phones(data["id"], org.phones.all()))
    return data


def owned_phones(owner_id, phones):
    """The phones of a location or an organisation (``owner_id``: its HSDS
    id), in their order, each with the id it was imported with, else one
    derived from the owner's id and its place in the list."""
    result = []
    for index, phone in enumerate(phones):
        data = {
            "id": kept_id(phone.hsds_id, owner_id, "phone", index),
            "number": phone.number,
        }
        if phone.extension is not None:
            data["extension"] = phone.extension
        _put(data, "type", phone.type)
        _put(data, "description", phone.description)
        result.append(data)
    return result


def _schedules(location_id, hours):
    """Opening hours grouped into weekly schedules with the same times."""
    groups = {}
    for row in sorted(hours, key=lambda h: (h.weekday, h.opens, h.closes)):
        key = (
            row.opens,
            row.closes,
            row.valid_from,
            row.valid_to,
            row.schedule_hsds_id,
        )
        groups.setdefault(key, []).append(row.weekday)
    schedules = []
    for (opens, closes, valid_from, valid_to, stored_id), days in groups.items():
        byday = ",".join(BYDAY[day] for day in sorted(set(days)))
        key = f"{byday}|{opens:%H:%M}|{closes:%H:%M}|{valid_from}|{valid_to}"
        data = {
            "id": kept_id(stored_id, location_id, "schedule", key),
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": f"{opens:%H:%M}",
            "closes_at": f"{closes:%H:%M}",
        }
        if valid_from:
            data["valid_from"] = valid_from.isoformat()
        if valid_to:
            data["valid_to"] = valid_to.isoformat()
        schedules.append(data)
    return schedules


def location_core(loc):
    """The one-to-one fields of a location."""
    data = {
        "id": hsds_id(loc),
        "location_type": "virtual" if loc.kind == Location.Kind.VIRTUAL else "physical",
        "name": loc.name,
    }
    _put(data, "url", loc.url)
    _put(data, "description", loc.description)
    _put(data, "transportation", loc.transport_notes)
    if loc.latitude is not None:
        data["latitude"] = float(loc.latitude)
    if loc.longitude is not None:
        data["longitude"] = float(loc.longitude)
    return data


def location(loc):
    """A location with its addresses, schedules, accessibility and languages."""
    data = location_core(loc)
    loc_id = data["id"]
    data["languages"] = [
        {
            "id": nested_id(loc_id, "language", lang.code),
            "name": lang.name,
            "code": lang.code,
        }
        for lang in sorted(loc.languages.all(), key=lambda lang: lang.code)
    ]
    addresses = []
    if loc.address or loc.city or loc.postal_code or loc.municipality_id:
        address = {
            "id": kept_id(loc.address_hsds_id, loc_id, "address", 0),
            "address_1": loc.address,
        }
        _put(address, "address_2", loc.address_2)
        address["city"] = loc.city
        if loc.municipality_id:
            address["region"] = loc.municipality.name
        # Required by the schema, so sent even when empty.
        address.update(
            state_province=loc.state_province,
            postal_code=loc.postal_code,
            country=loc.country,
            address_type=loc.address_type,
        )
        addresses.append(address)
    data["addresses"] = addresses
    data["schedules"] = _schedules(loc_id, loc.opening_hours.all())
    accessibility = [
        description
        for field, description in ACCESSIBILITY_FEATURES
        if getattr(loc, field)
    ]
    accessibility += normalise_lines(loc.accessibility_notes)
    data["accessibility"] = [
        {"id": nested_id(loc_id, "accessibility", index), "description": text}
        for index, text in enumerate(accessibility)
    ]
    _put(data, "phones", owned_phones(loc_id, loc.phones.all()))
    if loc.email:
        data["contacts"] = [{"id": nested_id(loc_id, "contact", 0), "email": loc.email}]
    return data


def service_at_location_id(link, service_id=None):
    """The id of a service at a location: the one it was imported with, else
    derived from its service's and location's ids (stable across exports)."""
    service_id = service_id or hsds_id(link.service)
    location_id = hsds_id(link.location)
    return kept_id(link.hsds_id, service_id, "service_at_location", location_id)


def service_at_location(service_id, link, with_location=True):
    data = {"id": service_at_location_id(link, service_id)}
    _put(data, "description", link.notes)
    if with_location:
        data["location"] = location(link.location)
    return data


def service_at_location_summary(link):
    """An item of /service_at_locations (service_at_location_list.json)."""
    service_id = hsds_id(link.service)
    location_id = hsds_id(link.location)
    data = {
        "id": service_at_location_id(link, service_id),
        "service_id": service_id,
        "location_id": location_id,
    }
    _put(data, "description", link.notes)
    data["location"] = location_core(link.location)
    data["service"] = _service_core(link.service)
    return data


def organisation_detail(org, pages):
    """An organisation with its live services (organization.json)."""
    data = organisation(org)
    data["services"] = [_service_core(page) for page in pages]
    return data


def taxonomies():
    return list(TAXONOMIES.values())


def _service_core(page):
    """The one-to-one fields of a service (the service_list shape)."""
    service_id = hsds_id(page)
    data = {"id": service_id}
    if page.organisation_id:
        data["organization_id"] = hsds_id(page.organisation)
    data["name"] = page.title
    _put(data, "alternate_name", page.alternate_name)
    description = stream_text(page.description) or "\n".join(
        normalise_lines(page.summary)
    )
    # The key facts have no HSDS field of their own: labelled lines that the
    # importer reads back (directory.hsds.key_facts).
    data["description"] = "\n".join(
        [line for line in [description] if line] + key_facts.description_lines(page)
    )
    _put(data, "url", page.website)
    _put(data, "email", page.email)
    data["status"] = STATUS_TO_HSDS.get(page.status, "active")
    _put(
        data,
        "application_process",
        "\n".join(step_text(step) for step in page.application_steps),
    )
    fees = "\n".join(normalise_lines(page.fees))
    _put(data, "fees_description", fees or (FREE_TEXT if page.is_free else ""))
    eligibility = html_to_text(page.eligibility)
    _put(
        data,
        "eligibility_description",
        "\n".join(
            [line for line in [eligibility] if line] + key_facts.eligibility_lines(page)
        ),
    )
    if page.minimum_age is not None:
        data["minimum_age"] = page.minimum_age
    if page.maximum_age is not None:
        data["maximum_age"] = page.maximum_age
    _put(data, "alert", page.status_note)
    if page.last_reviewed:
        data["assured_date"] = page.last_reviewed.isoformat()
    if page.last_published_at:
        data["last_modified"] = page.last_published_at.isoformat()
    return data


def service_summary(page):
    """An item of the paged /services listing (service_list.json)."""
    data = _service_core(page)
    if page.organisation_id:
        data["organization"] = organisation(page.organisation)
    return data


def service(page):
    """A service with its related objects nested, as /services/{id} serves it."""
    data = _service_core(page)
    service_id = data["id"]
    if page.organisation_id:
        data["organization"] = organisation(page.organisation)
    _put(
        data,
        "schedules",
        key_facts.window_schedules(
            page, nested_id(service_id, "schedule", "application_window")
        ),
    )
    data["service_at_locations"] = [
        service_at_location(service_id, link) for link in page.service_locations.all()
    ]
    data["required_documents"] = [
        _required_document(service_id, index, document)
        for index, document in enumerate(page.required_documents.all())
    ]
    data["languages"] = [
        {
            "id": nested_id(service_id, "language", lang.code),
            "name": lang.name,
            "code": lang.code,
        }
        for lang in sorted(page.languages.all(), key=lambda lang: lang.code)
    ]
    contacts = list(page.contacts.all())
    phones = [c for c in contacts if _is_phone(c)]
    others = [c for c in contacts if not _is_phone(c)]
    data["phones"] = [
        _phone(service_id, index, contact) for index, contact in enumerate(phones)
    ]
    if others:
        data["contacts"] = [
            _contact(service_id, index, contact) for index, contact in enumerate(others)
        ]
    areas = sorted(page.service_areas.all(), key=lambda area: (area.name, area.pk))
    if areas:
        data["service_areas"] = [
            {
                "id": nested_id(service_id, "service_area", area.name),
                "name": area.name,
            }
            for area in areas
        ]
    attributes = []
    for taxonomy, terms in (
        (CATEGORIES, page.categories.all()),
        (TARGET_GROUPS, page.target_groups.all()),
    ):
        for term in terms:
            term_id = hsds_id(term)
            attributes.append(
                {
                    "id": nested_id(service_id, "attribute", term_id),
                    "taxonomy_term_id": term_id,
                    "taxonomy_term": taxonomy_term(term, taxonomy),
                }
            )
    data["attributes"] = attributes
    return data


def _is_phone(contact):
    """An HSDS phone, or a contact? Imported ones say; for one an editor added
    without saying, only a phone number makes a phone."""
    if contact.kind:
        return contact.kind == ServiceContact.Kind.PHONE
    return bool(contact.phone and not contact.email)


def _required_document(service_id, index, document):
    data = {
        "id": kept_id(document.hsds_id, service_id, "required_document", index),
        "document": document.name,
    }
    _put(data, "uri", document.url)
    return data


def _phone(service_id, index, contact):
    data = {
        "id": kept_id(contact.hsds_id, service_id, "phone", index),
        "number": contact.phone,
    }
    if contact.extension is not None:
        data["extension"] = contact.extension
    if contact.name and contact.name != contact.phone:
        data["description"] = contact.name
    return data


def _contact(service_id, index, contact):
    contact_id = kept_id(contact.hsds_id, service_id, "contact", index)
    data = {"id": contact_id, "name": contact.name}
    _put(data, "email", contact.email)
    if contact.phone:
        phone = {
            "id": kept_id(contact.phone_hsds_id, contact_id, "phone", 0),
            "number": contact.phone,
        }
        if contact.extension is not None:
            phone["extension"] = contact.extension
        data["phones"] = [phone]
    return data


def root():
    return {
        "version": HSDS_VERSION,
        "profile": "https://openreferral.org/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
    }


# --- querysets -------------------------------------------------------------


def _ordered(model):
    return model.objects.order_by("sort_order", "name", "pk")


def services_queryset(full=True):
    """Live, public, default-locale service pages with their relations prefetched."""
    queryset = (
        ServicePage.objects.live()
        .filter(privacy.public_q())
        # By the default language's code, a join: a query fewer than looking
        # the Locale up first (/services/{id} is at the page query budget).
        .filter(
            locale__language_code=get_supported_content_language_variant(
                settings.LANGUAGE_CODE
            )
        )
        .select_related("organisation")
        .prefetch_related("organisation__phones")
        .order_by("title", "pk")
    )
    if not full:
        return queryset
    links = (
        ServiceAtLocation.objects.order_by("sort_order", "pk")
        .select_related("location__municipality")
        .prefetch_related(
            "location__languages",
            "location__phones",
            Prefetch("location__opening_hours", OpeningHours.objects.order_by("pk")),
        )
    )
    return queryset.prefetch_related(
        Prefetch("categories", _ordered(Category)),
        Prefetch("target_groups", _ordered(TargetGroup)),
        "languages",
        "service_areas",
        "required_documents",
        "contacts",
        Prefetch("service_locations", links),
    )


def export_services():
    """Every service the API serves, nested, in a stable order."""
    return [service(page) for page in services_queryset()]
