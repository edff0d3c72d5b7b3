"""Demo directory for seed_demo: taxonomy, partner organisations, locations
with opening hours and about thirty real programmes, in Greek (the words are
in demo_content.json beside this module). Safe to run again."""

import datetime
import json
import random
from functools import cache
from pathlib import Path

from django.utils import timezone
from wagtail.models import Page

from core.demo import site_locales
from directory import review
from directory.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    LocationFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServicePageFactory,
    TargetGroupFactory,
)
from directory.languages import sync_languages
from directory.models import (
    Category,
    Closure,
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
    TargetGroup,
)
from search.bulk import indexed_at_the_end

CONTENT_FILE = Path(__file__).with_name("demo_content.json")


@cache
def content():
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


def translated_terms(factory, locales, rows):
    """A term in Greek with its English and Arabic translations (same slug)."""
    for order, (slug, greek, english, arabic, extra) in enumerate(rows):
        term = factory(
            locale=locales["el"], slug=slug, name=greek, sort_order=order, **extra
        )
        for code, name in (("en", english), ("ar", arabic)):
            translated_extra = {
                key: factory._meta.model.objects.filter(
                    locale=locales[code], slug=value.slug
                ).first()
                if hasattr(value, "slug")
                else value
                for key, value in extra.items()
            }
            factory(
                locale=locales[code],
                slug=slug,
                name=name,
                sort_order=order,
                translation_key=term.translation_key,
                **translated_extra,
            )


def build_taxonomy(locales):
    groups = [(slug, *names, {}) for slug, *names in content()["target_groups"]]
    translated_terms(TargetGroupFactory, locales, groups)
    data = content()
    translated_terms(
        MunicipalityFactory,
        locales,
        [
            (m["slug"], m["name"], m["name_en"], m["name_ar"], {})
            for m in data["municipalities"]
        ],
    )
    # Parents before children, so that a child's parent exists in each language.
    categories = sorted(data["categories"], key=lambda c: c["parent"] is not None)
    for category in categories:
        parent = (
            Category.objects.get(locale=locales["el"], slug=category["parent"])
            if category["parent"]
            else None
        )
        translated_terms(
            CategoryFactory,
            locales,
            [
                (
                    category["slug"],
                    category["name"],
                    category["name_en"],
                    category["name_ar"],
                    {"parent": parent},
                )
            ],
        )
    sync_languages(Language)


def build_places(locale):
    data = content()
    municipalities = {m.slug: m for m in Municipality.objects.filter(locale=locale)}
    languages = {language.code: language for language in Language.objects.all()}
    today = timezone.localdate()
    for organisation in data["organisations"]:
        OrganisationFactory(
            locale=locale,
            **organisation,
            **place_review_fields(organisation["slug"], today),
        )
    for row in data["locations"]:
        fields = {k: v for k, v in row.items() if k not in ("hours", "languages")}
        fields["municipality"] = municipalities.get(fields.pop("municipality", ""))
        location = LocationFactory(
            locale=locale, **fields, **place_review_fields(row["slug"], today)
        )
        if not location.opening_hours.exists():
            for hours in row["hours"]:
                for weekday in hours["weekdays"]:
                    OpeningHours.objects.create(
                        location=location,
                        weekday=weekday,
                        opens=hours["opens"],
                        closes=hours["closes"],
                    )
        location.languages.set(
            [languages[code] for code in row["languages"] if code in languages]
        )
        location.save()
    locations = {
        location.slug: location for location in Location.objects.filter(locale=locale)
    }
    # National holidays are not typed in: directory.calendar knows them.
    for closure in data["closures"]:
        Closure.objects.get_or_create(
            location=locations.get(closure["location"])
            if closure["location"]
            else None,
            starts_on=closure["starts_on"],
            ends_on=closure["ends_on"],
            defaults={
                "reason": closure["reason"],
                "kind": closure["kind"],
                "opens": closure.get("opens"),
                "closes": closure.get("closes"),
            },
        )


def build_services(home, locale):
    directory = DirectoryPageFactory(
        parent=home,
        slug="programmata-ypiresies",
        title="Προγράμματα και υπηρεσίες",
        intro=(
            "Βρείτε το πρόγραμμα ή την υπηρεσία που χρειάζεστε: ποιοι δικαιούνται, "
            "τι να φέρετε και πού να πάτε."
        ),
        show_in_menus=True,
    )
    if not directory.last_published_at:
        directory.save_revision().publish()
    lookups = {
        "organisation": {o.slug: o for o in Organisation.objects.filter(locale=locale)},
        "location": {loc.slug: loc for loc in Location.objects.filter(locale=locale)},
        "category": {c.slug: c for c in Category.objects.filter(locale=locale)},
        "group": {g.slug: g for g in TargetGroup.objects.filter(locale=locale)},
        "area": {m.slug: m for m in Municipality.objects.filter(locale=locale)},
        "language": {language.code: language for language in Language.objects.all()},
    }
    today = timezone.localdate()
    for row in content()["services"]:
        if directory.get_children().filter(slug=row["slug"]).exists():
            continue
        build_service(directory, row, lookups, review_fields(row, today))
    return directory


# The review cycle in the demo (#25): most services were checked a month
# ago; one is due; the social pharmacy was last checked fourteen months ago
# on a six-month cycle, so its page shows "may be out of date" with its
# phone, and the directory lists it last. It is the only service out of
# date, and not one of the ten translated ones, which stay on the first
# page of every directory.
CENTRE = "kentro-koinotitas-kalamatas"
OUT_OF_DATE = "koinoniko-farmakeio"
CHECKED_MONTHS_AGO = {OUT_OF_DATE: 14, "deltio-metakinisis-amea": 7}


def review_fields(row, today):
    """The review fields of a demo service: when it was last checked
    (``CHECKED_MONTHS_AGO``, else thirty days before ``today``) and by whom
    (the Centre for its own services, the organisation for the others)."""
    months = CHECKED_MONTHS_AGO.get(row["slug"])
    return {
        "last_reviewed": (
            review.add_months(today, -months)
            if months
            else today - datetime.timedelta(days=30)
        ),
        "reviewed_by": "centre" if row["organisation"] == CENTRE else "organisation",
    }


# The places and organisations were checked by the Centre a month ago
# (the events' demo adds Mobile Unit stops the same way), except the Stoupa
# stop, checked seven months ago: it is due, and the due report lists it
# among the services.
PLACE_CHECKED_MONTHS_AGO = {"kinito-stoupa": 7}


def place_review_fields(slug, today):
    """The review fields of the demo location or organisation ``slug``."""
    months = PLACE_CHECKED_MONTHS_AGO.get(slug)
    return {
        "last_reviewed": (
            review.add_months(today, -months)
            if months
            else today - datetime.timedelta(days=30)
        ),
        "reviewed_by": "centre",
    }


# The key facts of the demo's benefits (demo_content.json, "key_facts") are
# the figures the Ministry of Social Cohesion and Family and OPEKA publish
# (opeka.gr, the page of each benefit; the heating benefit: the Ministry of
# National Economy and Finance with AADE), the same ones the eligibility
# check cites with its sources (eligibility/demo_content.json). The demo is
# not advice, and the figures change by decision every year:
# * Minimum Guaranteed Income (ΕΕΕ, formerly ΚΕΑ), amounts from 1.12.2023:
#   216 € a month for one adult, +108 € for each other adult, +54 € for each
#   child, at most 972 €; income limit six times the guaranteed amount over
#   six months (2.592 € a year for one person); property 90.000 €, +15.000 €
#   a member, at most 150.000 €.
# * Housing benefit: 70 € a month for one person, +35 € for each other member,
#   at most 210 €; income 7.000 € (+3.500 € a member, at most 21.000 €);
#   property 120.000 € (+15.000 € a member, at most 180.000 €).
# * Child benefit (paid every two months): 70 €, 42 € or 28 € a month for
#   each of the first two children by equivalised income (up to 6.000 €,
#   10.000 €, 15.000 €), twice that from the third child; property 300.000 €.
# * Heating benefit (2025–26 season): 100 € to 800 € a year by area and fuel,
#   up to 1.200 € in the coldest areas; income 16.000 € for one person,
#   24.000 € for a couple +5.000 € a child, 29.000 € for a single parent;
#   property 200.000 €, 260.000 € for a couple +40.000 € a child.
# Checked on 30.11.2026 against stored copies of: the Ministry's ΕΕΕ page
# (oikogeneia.gov.gr/programs/elachisto-engyimeno-eisodima) and OPEKA's
# (opeka.gr/elachisto-engyimeno-eisodima/nomothesia/) for the ΕΕΕ amounts;
# press reports of the decisions for the rest (ΕΕΕ/ΚΕΑ property limits,
# housing amounts and income limits, child benefit amounts and bands, the
# heating amounts and limits of 2025-26). Not confirmed: the child benefit's
# property limit, and the heating benefit's limit for a couple (reports say
# 260.000 € or 300.000 €).
def key_facts(facts, today=None):
    """The key-facts fields of a service from its demo row. The application
    window is given in days around today, so that the demo always shows one
    that is open."""
    facts = dict(facts)
    window = facts.pop("applications_window_days", None)
    if window:
        today = today or timezone.localdate()
        facts["applications_open"] = today + datetime.timedelta(days=window[0])
        facts["applications_close"] = today + datetime.timedelta(days=window[1])
    return facts


def build_service(directory, row, lookups, reviewed):
    """A live demo service from its row; ``reviewed``: its review fields
    (``review_fields``)."""
    page = ServicePageFactory.build(
        slug=row["slug"],
        title=row["title"],
        alternate_name=row["alternate_name"],
        organisation=lookups["organisation"].get(row["organisation"]),
        status=row["status"],
        status_note=row["status_note"],
        summary=row["summary"],
        description=json.dumps(
            [{"type": "paragraph", "value": text} for text in row["description"]]
        ),
        eligibility=row["eligibility"],
        minimum_age=row["minimum_age"],
        maximum_age=row["maximum_age"],
        application_steps=json.dumps(
            [{"type": "step", "value": step} for step in row["steps"]]
        ),
        is_free=row["is_free"],
        fees=row["fees"],
        website=row["website"],
        email=row["email"],
        application_url=row["application_url"],
        accepts_appointments=row["accepts_appointments"],
        **reviewed,
        locale=directory.locale,
        **key_facts(row.get("key_facts", {})),
    )
    page.categories.set([lookups["category"][slug] for slug in row["categories"]])
    page.target_groups.set([lookups["group"][slug] for slug in row["target_groups"]])
    page.service_areas.set([lookups["area"][slug] for slug in row["service_areas"]])
    page.languages.set(
        [
            lookups["language"][code]
            for code in row["languages"]
            if code in lookups["language"]
        ]
    )
    page.required_documents = [
        RequiredDocument(name=d["name"], note=d["note"], url=d["url"])
        for d in row["documents"]
    ]
    page.service_locations = [
        ServiceAtLocation(
            location=lookups["location"][link["location"]], notes=link["notes"]
        )
        for link in row["locations"]
    ]
    page.contacts = [
        ServiceContact(name=c["name"], phone=c["phone"], email=c["email"])
        for c in row["contacts"]
    ]
    # Live without a revision, like an import: editing it creates the first one.
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    directory.add_child(instance=page)
    return page


def build_taxonomies(log):
    """Before the portal's pages: campaigns refer to target groups."""
    build_taxonomy(site_locales())
    log("directory: taxonomy in three languages")


def build(log):
    locales = site_locales()
    build_places(locales["el"])
    home = Page.objects.filter(depth=2, locale=locales["el"]).first()
    if home is None:
        log("directory: no home page yet; run the portal builder first")
        return
    directory = build_services(home.specific, locales["el"])
    log(f"directory: {directory.get_children().count()} services")


SYNTHETIC_KINDS = [
    "Επίδομα",
    "Πρόγραμμα",
    "Υπηρεσία",
    "Συμβουλευτική",
    "Δράση",
    "Κέντρο",
]
SYNTHETIC_TOPICS = [
    "στέγασης",
    "θέρμανσης",
    "σίτισης",
    "απασχόλησης",
    "ψυχοκοινωνικής στήριξης",
    "νομικής βοήθειας",
    "σχολικής στήριξης",
    "υγείας",
    "κοινωνικής ένταξης",
    "κατ' οίκον φροντίδας",
]
SYNTHETIC_AUDIENCES = [
    "για οικογένειες",
    "για ηλικιωμένους",
    "για ανέργους",
    "για άτομα με αναπηρία",
    "για παιδιά και εφήβους",
    "για νέους",
]


def build_synthetic(count, log, seed=2026):
    """Add `count` made-up services for scale tests (bench), deterministically.

    Pages are created live without revisions and indexed once at the end,
    which is what makes ten thousand of them take minutes rather than hours.
    """
    randomiser = random.Random(seed)  # noqa: S311 - made-up data, not secrets
    directory = DirectoryPage.objects.filter(locale__language_code="el").first()
    if directory is None:
        log("directory: build the demo first")
        return
    existing = directory.get_children().filter(slug__startswith="synthetiki-").count()
    if existing >= count:
        log(f"directory: {existing} synthetic services already there")
        return
    categories = list(Category.objects.filter(locale=directory.locale))
    groups = list(TargetGroup.objects.filter(locale=directory.locale))
    areas = list(Municipality.objects.filter(locale=directory.locale))
    languages = list(Language.objects.all())
    locations = list(Location.objects.filter(locale=directory.locale))
    organisations = list(Organisation.objects.filter(locale=directory.locale))
    with indexed_at_the_end():
        for number in range(existing, count):
            kind = randomiser.choice(SYNTHETIC_KINDS)
            topic = randomiser.choice(SYNTHETIC_TOPICS)
            audience = randomiser.choice(SYNTHETIC_AUDIENCES)
            page = ServicePage(
                title=f"{kind} {topic} {audience} {number + 1}",
                slug=f"synthetiki-{number + 1}",
                summary=f"{kind} {topic} {audience}: ενημέρωση, αιτήσεις και συνοδεία.",
                organisation=randomiser.choice(organisations),
                is_free=randomiser.random() < 0.85,
                locale=directory.locale,
                live=True,
            )
            page.categories.set(randomiser.sample(categories, k=2))
            page.target_groups.set(randomiser.sample(groups, k=2))
            page.service_areas.set(randomiser.sample(areas, k=2))
            page.languages.set(randomiser.sample(languages, k=1))
            page.service_locations = [
                ServiceAtLocation(location=randomiser.choice(locations))
            ]
            directory.add_child(instance=page)
            if (number + 1) % 1000 == 0:
                log(f"directory: {number + 1} synthetic services")
    log(f"directory: {count} synthetic services in all")
