"""Demo appointment requests for seed_demo: the request page in Greek,
English and Arabic, and about forty fictitious requests in every status,
spread over the last six months. Safe to run again."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Locale

from appointments.factories import AppointmentPageFactory, AppointmentRequestFactory
from appointments.models import AppointmentRequest, HistoryEntry
from appointments.workflow import CLOSED
from core.demo import ensure_translation, home_page, publish
from core.models import CentreSettings
from core.staff_values import moment_text
from directory.models import Language, Location, ServicePage, TargetGroup

PAGE = {
    "el": {
        "title": "Αίτημα για ραντεβού",
        "intro": (
            "Πείτε μας με τι χρειάζεστε βοήθεια και πού σας βολεύει να "
            "συναντηθούμε. Θα σας καλέσουμε να κλείσουμε μέρα και ώρα. Η "
            "εξυπηρέτηση είναι δωρεάν."
        ),
        "what_happens_next": (
            "Μια κοινωνική λειτουργός θα σας καλέσει, συνήθως μέσα σε δύο "
            "εργάσιμες ημέρες, για να κλείσετε μέρα και ώρα. Φέρτε μαζί σας την "
            "ταυτότητα ή το διαβατήριό σας και ό,τι έγγραφα έχετε για το θέμα σας."
        ),
    },
    "en": {
        "title": "Request an appointment",
        "intro": (
            "Tell us what you need help with and where you would like to meet "
            "us. We will call you to agree a day and time. Our help is free."
        ),
        "what_happens_next": (
            "A social worker will call you, usually within two working days, to "
            "agree a day and time. Bring your identity card or passport and any "
            "papers you have about your question."
        ),
    },
    "ar": {
        "title": "اطلب موعدًا",
        "intro": (
            "أخبرنا بما تحتاج المساعدة فيه وأين تفضّل أن نلتقي. سنتصل بك لنتفق "
            "على اليوم والساعة. خدماتنا مجانية."
        ),
        "what_happens_next": (
            "ستتصل بك أخصائية اجتماعية، عادةً خلال يومي عمل، للاتفاق على اليوم "
            "والساعة. أحضر معك بطاقة الهوية أو جواز السفر وأي أوراق لديك عن موضوعك."
        ),
    },
}
PLACES = ("kentro-koinotitas", "parartima-roma")
MOBILE_STOPS = ("kinito-kardamyli", "kinito-meligalas", "kinito-kyparissia")
FIRST_NAMES = [
    "Ελένη",
    "Νίκος",
    "Μαρία",
    "Γιώργος",
    "Κατερίνα",
    "Δημήτρης",
    "Σοφία",
    "Ανδρέας",
    "Αμίνα",
    "Ολένα",
]
# Surnames that say "example": nobody takes these for real people.
SURNAMES = ["Παράδειγμα", "Δείγμα", "Υπόδειγμα", "Δοκιμή"]
STATUSES = (
    ["new"] * 8
    + ["contacted"] * 7
    + ["scheduled"] * 8
    + ["completed"] * 9
    + ["cancelled"] * 4
    + ["no_show"] * 4
)
# The path from "new" to each status, for the history.
PATHS = {
    "new": [],
    "contacted": ["contacted"],
    "scheduled": ["contacted", "scheduled"],
    "completed": ["contacted", "scheduled", "completed"],
    "cancelled": ["cancelled"],
    "no_show": ["contacted", "scheduled", "no_show"],
}
MESSAGES = [
    "Θέλω να κάνω αίτηση για το ΚΕΑ και δεν ξέρω ποια χαρτιά χρειάζομαι.",
    "Χρειάζομαι βοήθεια με το gov.gr για το επίδομα παιδιού.",
    "Η μητέρα μου είναι 82 ετών και χρειάζεται βοήθεια στο σπίτι.",
    "",
    "Έχασα τη δουλειά μου και θέλω να μάθω τι δικαιούμαι.",
    "",
]


def build_page(home):
    greek = Locale.objects.get(language_code="el")
    places = [
        Location.objects.get(locale=greek, slug=slug)
        for slug in PLACES
        if Location.objects.filter(locale=greek, slug=slug).exists()
    ]
    page = AppointmentPageFactory(parent=home, places=places, **PAGE["el"])
    if not page.last_published_at:
        publish(page)
    for code in ("en", "ar"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            ensure_translation(page, locale, **PAGE[code])
    return page


def build_requests(now=None):
    now = now or timezone.now()
    randomiser = random.Random(7)  # noqa: S311 - demo data, not security
    greek = Locale.objects.get(language_code="el")
    services = list(
        ServicePage.objects.live()
        .filter(locale=greek, accepts_appointments=True)
        .order_by("path")[:20]
    )
    locations = list(
        Location.objects.filter(locale=greek, slug__in=PLACES + MOBILE_STOPS)
    )
    groups = list(TargetGroup.objects.filter(locale=greek))
    languages = {language.code: language for language in Language.objects.all()}
    created = 0
    for number, status in enumerate(STATUSES):
        phone = f"+3069000000{number:02d}"
        if AppointmentRequest.objects.filter(phone=phone).exists():
            continue
        days_ago = 3 + (number * 41) % 170 if status in CLOSED else number % 25
        received = now - datetime.timedelta(days=days_ago, hours=number % 7)
        location = locations[number % len(locations)] if locations else None
        request = AppointmentRequestFactory(
            name=f"{FIRST_NAMES[number % 10]} {SURNAMES[number // 10 % 4]}",
            phone=phone,
            email=f"aitima{number + 1:02d}@example.org" if number % 3 else "",
            preferred_contact="email" if number % 5 == 4 else "phone",
            status=status,
            source=["web", "web", "phone", "walk_in"][number % 4],
            service=services[number % len(services)]
            if services and number % 6
            else None,
            location=location,
            preferred_days=[0, 2] if number % 2 else [],
            preferred_times=["morning"] if number % 3 else ["midday"],
            language=languages.get(["el", "el", "ar", "en", "sq"][number % 5]),
            needs_interpreter=number % 5 == 2,
            message=MESSAGES[number % len(MESSAGES)],
            site_language=["el", "el", "ar", "en"][number % 4],
            created_at=received,
            consented_at=received,
            target_groups=randomiser.sample(groups, k=min(len(groups), 1 + number % 2))
            if groups and status != "new"
            else None,
        )
        write_history(request, status, received, number)
        created += 1
    return created


def write_history(request, status, received, number):
    HistoryEntry.objects.create(
        request=request, action="created", new_value=request.source, at=received
    )
    moment = received
    previous = "new"
    for step in PATHS[status]:
        moment += datetime.timedelta(days=1, hours=2)
        if step == "scheduled":
            when = moment + datetime.timedelta(days=5 + number % 9, hours=3)
            if status == "scheduled":
                when = timezone.now() + datetime.timedelta(days=2 + number % 12)
            request.scheduled_at = when.replace(minute=0, second=0, microsecond=0)
            HistoryEntry.objects.create(
                request=request,
                action="scheduled",
                new_value=moment_text(request.scheduled_at),
                user_name="Κοινωνική λειτουργός",
                at=moment,
            )
        HistoryEntry.objects.create(
            request=request,
            action="status",
            old_value=previous,
            new_value=step,
            user_name="Κοινωνική λειτουργός",
            at=moment,
        )
        previous = step
    if status in CLOSED:
        request.closed_at = moment
    request.save()


def build(log):
    home = home_page("el")
    if home is None:
        log("appointments: no home page, skipped")
        return
    page = build_page(home)
    # The header and footer of every page link to the request form.
    centre = CentreSettings.load()
    if centre.request_page_id != page.pk:
        centre.request_page = page
        centre.save()
    created = build_requests()
    log(
        f"appointments: request page, {AppointmentRequest.objects.count()} "
        f"requests ({created} new)"
    )
