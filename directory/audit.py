"""A semantic audit of the directory: what the HSDS schema lets through but a
visitor would stumble on. Editors run it as ``manage.py audit_directory`` or
read it in the admin (Reports → Directory audit).

Each rule is a function of one record that returns a list of ``Finding``; the
rules follow the Open Referral UK validator's "richness" checks and the HSDS
3.0 guidance for a usable record:

* ``short_description``: a service described in fewer than
  ``MIN_DESCRIPTION_WORDS`` (6) words does not say what it is or whom it helps.
* ``no_way_to_contact``: a service with no e-mail, website, application
  address, contact phone or e-mail, and no place with a phone, e-mail or
  street address, cannot be reached.
* ``malformed_contacts``: an e-mail, web address or phone a visitor cannot
  use (Django's validators; phones by ``phonenumbers``, Greek by default).
* ``location_without_coordinates`` / ``location_without_hours``: a place
  people go to (not online) without a map point or opening hours.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import normalise_phone, reject_address_literal
from directory.models import Location, LocationPhone, ServicePage

MIN_DESCRIPTION_WORDS = 6


@dataclass(frozen=True)
class Finding:
    """One problem: ``record`` names the page or record (its title and
    address or slug), ``field`` the field's label, ``problem`` what is wrong;
    all three in the active language."""

    record: str
    field: str
    problem: str

    def __str__(self):
        return f"{self.record} · {self.field}: {self.problem}"


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def service_record(page):
    return f"{page.title} ({page.url_path.rstrip('/').rsplit('/', 1)[-1]})"


def location_record(location):
    return f"{location.name} ({location.slug})"


def _text(page):
    description = strip_tags(str(page.description)) if page.description else ""
    return f"{page.summary} {description}"


def short_description(page):
    words = len(_text(page).split())
    if words >= MIN_DESCRIPTION_WORDS:
        return []
    return [
        Finding(
            service_record(page),
            _label(ServicePage, "summary"),
            _(
                "The description has %(count)d words; say in at least %(minimum)d "
                "what the service is and whom it helps."
            )
            % {"count": words, "minimum": MIN_DESCRIPTION_WORDS},
        )
    ]


def no_way_to_contact(page):
    if page.email or page.website or page.application_url:
        return []
    if any(contact.phone or contact.email for contact in page.contacts.all()):
        return []
    for link in page.service_locations.all():
        location = link.location
        if location.first_phone or location.email or location.address or location.url:
            return []
    return [
        Finding(
            service_record(page),
            _("Contacts"),
            _(
                "There is no way to contact this service: add a phone, an e-mail, "
                "a website or a place with an address."
            ),
        )
    ]


def _check_email(value):
    validate_email(value)
    reject_address_literal(value)


def _check_url(value):
    URLValidator(schemes=["http", "https"])(value)


CHECKS = {
    "email": (_check_email, gettext_lazy("This e-mail address is not valid.")),
    "url": (_check_url, gettext_lazy("This web address is not valid.")),
    "phone": (normalise_phone, gettext_lazy("This phone number is not valid.")),
}


def _malformed(record, model, values):
    """``values``: (kind, field name, value) triples; a finding for each
    value that fails its kind's check."""
    findings = []
    for kind, name, value in values:
        if not value:
            continue
        check, problem = CHECKS[kind]
        try:
            check(value)
        except ValidationError:
            findings.append(
                Finding(record, _label(model, name), f"{problem} ({value})")
            )
    return findings


def malformed_contacts(page):
    record = service_record(page)
    findings = _malformed(
        record,
        ServicePage,
        [
            ("email", "email", page.email),
            ("url", "website", page.website),
            ("url", "application_url", page.application_url),
        ],
    )
    for contact in page.contacts.all():
        findings += _malformed(
            f"{record} · {contact.name}",
            type(contact),
            [("phone", "phone", contact.phone), ("email", "email", contact.email)],
        )
    return findings


def malformed_location_contacts(location):
    """Its e-mail, web address and every phone (a finding names the number)."""
    return _malformed(
        location_record(location),
        Location,
        [("email", "email", location.email), ("url", "url", location.url)],
    ) + _malformed(
        location_record(location),
        LocationPhone,
        [("phone", "number", phone.number) for phone in location.phones.all()],
    )


def location_without_coordinates(location):
    if location.kind == Location.Kind.VIRTUAL:
        return []
    if location.latitude is not None and location.longitude is not None:
        return []
    return [
        Finding(
            location_record(location),
            _label(Location, "latitude"),
            _("This place has no map point (latitude and longitude)."),
        )
    ]


def location_without_hours(location):
    if location.kind == Location.Kind.VIRTUAL or location.opening_hours.all():
        return []
    return [
        Finding(
            location_record(location),
            _("Opening hours"),
            _("This place has no opening hours."),
        )
    ]


SERVICE_RULES = (short_description, no_way_to_contact, malformed_contacts)
LOCATION_RULES = (
    malformed_location_contacts,
    location_without_coordinates,
    location_without_hours,
)


def audit(locale=None):
    """Every finding, services (live pages) first then places, each in the
    order of its title; ``locale``: a wagtail Locale, or None for all."""
    services = (
        ServicePage.objects.live()
        .order_by("sort_title", "title", "pk")
        .prefetch_related(
            "contacts",
            "service_locations__location",
            "service_locations__location__phones",
        )
    )
    locations = Location.objects.order_by("name").prefetch_related(
        "opening_hours", "phones"
    )
    if locale is not None:
        services = services.filter(locale=locale)
        locations = locations.filter(locale=locale)
    findings = []
    for page in services:
        for rule in SERVICE_RULES:
            findings += rule(page)
    for location in locations:
        for rule in LOCATION_RULES:
            findings += rule(location)
    return findings
