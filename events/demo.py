"""Demo events for seed_demo: the Mobile Unit's rounds in three municipalities
and the Centre's own events, with dates relative to today. Safe to run again."""

import datetime
import functools
import json
from pathlib import Path

from django.utils import timezone
from wagtail.models import Locale

from core.demo import home_page
from directory.demo import place_review_fields
from directory.factories import (
    CategoryFactory,
    LocationFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from directory.models import Location, Organisation, TargetGroup
from events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MobileUnitPageFactory,
    local_datetime,
)
from events.models import EventDateException, EventIndexPage, EventPage

CONTENT = Path(__file__).with_name("demo_content.json")


@functools.cache
def content():
    """Municipalities, Mobile Unit stops and rounds, categories and events.

    MOBILE_STOPS: slug, village, "in" form of it (Greek article and all),
    municipality, address, latitude, longitude.
    VISITS: stop slug, weekday (0 = Monday), first and last hour, weeks apart.
    EVENTS: slug, title, summary, days from today (null: recurring since last
    week), hour, hours long, category, audience, other fields.
    """
    return json.loads(CONTENT.read_text(encoding="utf-8"))


def greek_locale():
    return Locale.objects.get_or_create(language_code="el")[0]


def publish_once(page):
    if not page.last_published_at:
        page.save_revision().publish()
    return page


def next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def build_places(locale):
    municipalities = {
        slug: MunicipalityFactory(locale=locale, slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(content()["MUNICIPALITIES"])
    }
    # The directory's demo describes some of these stops already (with what
    # is offered there); the same slugs make the events use those places.
    stops = {}
    for slug, name, locative, municipality, address, latitude, longitude in content()[
        "MOBILE_STOPS"
    ]:
        existing = Location.objects.filter(locale=locale, slug=f"kinito-{slug}").first()
        if existing is not None:
            if not existing.locative:
                existing.locative = locative
                existing.save(update_fields=["locative"])
            stops[slug] = existing
            continue
        stops[slug] = LocationFactory(
            locale=locale,
            slug=f"kinito-{slug}",
            name=name,
            kind=Location.Kind.MOBILE_STOP,
            address=address,
            postal_code="",
            city=name,
            locative=locative,
            latitude=latitude,
            longitude=longitude,
            municipality=municipalities[municipality],
            description="Στάση της Κινητής Μονάδας του Κέντρου Κοινότητας.",
            **place_review_fields(f"kinito-{slug}", timezone.localdate()),
        )
    centre = Location.objects.filter(locale=locale, slug="kentro-koinotitas").first()
    centre = centre or LocationFactory(
        locale=locale,
        slug="kentro-koinotitas",
        name="Κέντρο Κοινότητας Καλαμάτας",
        kind=Location.Kind.OFFICE,
        step_free_access=True,
        accessible_toilet=True,
    )
    return stops, centre


def build_visits(index, stops, organiser, groups):
    today = timezone.localdate()
    # The directory names its stops "Κινητή Μονάδα – <village>": the titles
    # say "in the village" as Greek does (στην Καρδαμύλη, στον Μελιγαλά).
    visits = []
    for slug, weekday, opens, closes, weeks in content()["VISITS"]:
        stop = stops[slug]
        first = next_weekday(today - datetime.timedelta(weeks=2), weekday)
        visit = EventPageFactory(
            parent=index,
            slug=f"kiniti-monada-{slug}",
            title=f"Η Κινητή Μονάδα {stop.locative}",
            kind=EventPage.Kind.MOBILE_UNIT_VISIT,
            summary=(
                "Κοινωνική λειτουργός και ψυχολόγος του Κέντρου Κοινότητας "
                "ενημερώνουν για επιδόματα και προγράμματα, βοηθούν σε αιτήσεις "
                "στο gov.gr και κλείνουν ραντεβού με υπηρεσίες."
            ),
            start=local_datetime(first, opens),
            end=local_datetime(first, closes),
            repeat="weekly",
            interval=weeks,
            weekdays=str(weekday),
            location=stop,
            organiser=organiser,
            accessibility_notes="Η Κινητή Μονάδα σταθμεύει σε επίπεδο σημείο· "
            "όποιος δυσκολεύεται να ανέβει εξυπηρετείται στο πεζοδρόμιο.",
            publish=False,
        )
        if not visit.audience.exists():
            visit.audience.set(groups)
            visit.save()
        visits.append(visit)
    # One visit is cancelled next week (the unit is being serviced).
    cancelled = visits[0]
    day = next_weekday(today + datetime.timedelta(days=7), cancelled.start.weekday())
    if not cancelled.date_exceptions.exists():
        EventDateException.objects.create(
            event=cancelled,
            date=day,
            kind=EventDateException.Kind.CANCELLED,
            note="Συντήρηση του οχήματος",
        )
    for visit in visits:
        publish_once(visit)
    return visits


def build_events(index, centre, organiser, categories, groups):
    today = timezone.localdate()
    events = []
    for slug, title, summary, days, hour, hours, category, audience, extra in content()[
        "EVENTS"
    ]:
        extra = dict(extra)
        weekday = extra.pop("weekday", None)
        in_person = extra.pop("in_person", True)
        if days is None:
            day = next_weekday(today - datetime.timedelta(days=7), weekday)
        else:
            day = today + datetime.timedelta(days=days)
        if "weekdays" not in extra and extra.get("repeat"):
            extra["weekdays"] = str(weekday)
        start = local_datetime(day, hour)
        event = EventPageFactory(
            parent=index,
            slug=slug,
            title=title,
            summary=summary,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            location=centre if in_person else None,
            organiser=organiser,
            publish=False,
            **extra,
        )
        if not event.last_published_at:
            event.categories.set([categories[category]])
            event.audience.set([groups[name] for name in audience if name in groups])
            event.save()
        events.append(publish_once(event))
    return events


def build(log):
    locale = greek_locale()
    home = home_page(locale.language_code)
    if home is None:
        log("events: no home page, skipped")
        return
    index = publish_once(
        EventIndexPageFactory(parent=home, slug="ekdiloseis", show_in_menus=True)
    )
    publish_once(
        MobileUnitPageFactory(
            parent=home,
            slug="kiniti-monada",
            what_to_bring=content()["WHAT_TO_BRING"],
        )
    )
    stops, centre = build_places(locale)
    categories = {
        slug: CategoryFactory(locale=locale, slug=slug, name=name)
        for slug, name in content()["CATEGORIES"]
    }
    groups = {group.slug: group for group in TargetGroup.objects.filter(locale=locale)}
    organiser = OrganisationFactory(
        locale=locale,
        slug="kentro-koinotitas-kalamatas",
        name="Κέντρο Κοινότητας Δήμου Καλαμάτας",
        kind=Organisation.Kind.MUNICIPAL,
    )
    visits = build_visits(
        index, stops, organiser, [g for s, g in groups.items() if s != "homeless"][:3]
    )
    events = build_events(index, centre, organiser, categories, groups)
    log(f"events: {len(visits)} Mobile Unit rounds and {len(events)} other events")


SYNTHETIC_TOPICS = [
    "Ενημέρωση για επιδόματα",
    "Εργαστήρι δημιουργικής απασχόλησης",
    "Συνάντηση ομάδας υποστήριξης",
    "Μάθημα ψηφιακών δεξιοτήτων",
    "Πολιτιστική βραδιά",
]


def build_synthetic(count, log):
    """Add ``count`` synthetic events (for load tests), spread over a year.

    The pages are created live without revisions, which keeps thousands of
    them quick to make; running again adds only the ones missing.
    """
    locale = greek_locale()
    index = EventIndexPage.objects.filter(locale=locale, slug="ekdiloseis").first()
    if index is None:
        log("events: no event index, synthetic events skipped")
        return
    existing = set(
        EventPage.objects.child_of(index)
        .filter(slug__startswith="synthetic-")
        .values_list("slug", flat=True)
    )
    locations = list(Location.objects.filter(locale=locale).order_by("slug"))
    today = timezone.localdate()
    added = 0
    for number in range(count):
        slug = f"synthetic-{number}"
        if slug in existing:
            continue
        day = today + datetime.timedelta(days=number * 7 % 400 - 30)
        start = local_datetime(day, 9 + number % 9)
        event = index.add_child(
            instance=EventPage(
                title=f"{SYNTHETIC_TOPICS[number % len(SYNTHETIC_TOPICS)]} #{number}",
                slug=slug,
                locale=locale,
                summary="Συνθετική εκδήλωση για δοκιμές φόρτου.",
                start=start,
                end=start + datetime.timedelta(hours=2),
                repeat="weekly" if number % 10 == 0 else "",
                repeat_count=8 if number % 10 == 0 else None,
                location=locations[number % len(locations)] if locations else None,
                live=True,
            )
        )
        event.rebuild_occurrences()
        added += 1
    log(f"events: {added} synthetic events added")
