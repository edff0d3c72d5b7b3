"""Demo volunteering for seed_demo: the page, five opportunities and about
thirty fictitious volunteers in every state. Safe to run again."""

import datetime
import json

from django.utils import timezone
from wagtail.models import Locale

from core.demo import home_page, publish
from directory.factories import MunicipalityFactory
from directory.languages import sync_languages
from directory.models import Language
from volunteers.factories import (
    VolunteerFactory,
    VolunteerIndexPageFactory,
    VolunteerOpportunityPageFactory,
)
from volunteers.models import Skill, Volunteer, availability_choices

INDEX = {
    "el": {
        "title": "Εθελοντισμός",
        "intro": (
            "Λίγες ώρες από τον χρόνο σας κάνουν μεγάλη διαφορά για τους "
            "γείτονές σας. Δείτε πώς μπορείτε να βοηθήσετε και δηλώστε συμμετοχή."
        ),
        "signup_heading": "Γίνετε εθελοντής",
        "signup_intro": (
            "Συμπληρώστε τη φόρμα σε πέντε λεπτά. Θα σας στείλουμε e-mail για "
            "επιβεβαίωση και μια συντονίστρια θα επικοινωνήσει μαζί σας."
        ),
    },
}
BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Το δίκτυο εθελοντών του Κέντρου Κοινότητας στηρίζει οικογένειες, "
            "ηλικιωμένους και παιδιά της πόλης. Δεν χρειάζεται εμπειρία: σας "
            "γνωρίζουμε, σας εκπαιδεύουμε και είμαστε δίπλα σας.</p>"
        ),
    }
]

# slug, title, summary, commitment, where, skills. English and Arabic are in
# portal/demo/translations.json, which seed_demo applies last.
OPPORTUNITIES = [
    (
        "dianomi-trofimon",
        "Διανομή τροφίμων",
        "Ταξινόμηση και διανομή τροφίμων και ειδών πρώτης ανάγκης σε οικογένειες.",
        "Ένα πρωινό τον μήνα, την πρώτη Τετάρτη",
        "Αποθήκη του Δήμου, Αριστομένους 21",
        "Οργάνωση, καλή φυσική κατάσταση, ευγένεια.",
    ),
    (
        "scholiki-stirixi",
        "Σχολική στήριξη",
        "Βοήθεια στα μαθήματα για παιδιά δημοτικού και γυμνασίου.",
        "Δύο απογεύματα την εβδομάδα, Σεπτέμβριο έως Ιούνιο",
        "Κέντρο Κοινότητας, αίθουσα 2",
        "Υπομονή, γνώσεις δημοτικού ή γυμνασίου.",
    ),
    (
        "episkepseis-ilikiomenous",
        "Επισκέψεις σε ηλικιωμένους",
        "Συντροφιά και μικρές βοήθειες σε ηλικιωμένους που ζουν μόνοι.",
        "Μία επίσκεψη την εβδομάδα, μία ώρα",
        "Στο σπίτι των ηλικιωμένων, στην πόλη της Καλαμάτας",
        "Διάθεση για κουβέντα, συνέπεια.",
    ),
    (
        "ekdiloseis",
        "Εκδηλώσεις",
        "Υποδοχή και οργάνωση στις γιορτές και ενημερωτικές εκδηλώσεις.",
        "Όποτε μπορείτε, λίγες φορές τον χρόνο",
        "Διάφοροι χώροι της πόλης",
        "Χαμόγελο· οι ξένες γλώσσες βοηθούν.",
    ),
    (
        "psifiaki-voitheia",
        "Ψηφιακή βοήθεια",
        "Βοήθεια σε όσους δυσκολεύονται με το κινητό, το e-mail και το gov.gr.",
        "Ένα πρωινό την εβδομάδα",
        "Κέντρο Κοινότητας, γραφείο υποδοχής",
        "Άνεση με υπολογιστές και κινητά, υπομονή.",
    ),
]

MUNICIPALITIES = [
    ("kalamata", "Καλαμάτα"),
    ("messini", "Μεσσήνη"),
    ("oichalia", "Οιχαλία"),
    ("trifylia", "Τριφυλία"),
    ("pylos-nestoras", "Πύλος-Νέστορας"),
]
LANGUAGES = ["el", "en", "ar", "sq", "uk", "rom"]
FIRST_NAMES = [
    "Ελένη",
    "Νίκος",
    "Μαρία",
    "Γιώργος",
    "Κατερίνα",
    "Δημήτρης",
    "Σοφία",
    "Ανδρέας",
    "Βασιλική",
    "Παναγιώτης",
]
# Surnames that say "example": nobody takes these for real people.
SURNAMES = ["Παράδειγμα", "Δείγμα", "Υπόδειγμα"]
STATUSES = [Volunteer.Status.NEW] * 10 + [Volunteer.Status.ACTIVE] * 12
STATUSES += [Volunteer.Status.INACTIVE] * 5 + [Volunteer.Status.UNCONFIRMED] * 3


def build_reference_data():
    greek = Locale.objects.get(language_code="el")
    municipalities = [
        MunicipalityFactory(locale=greek, slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(MUNICIPALITIES)
    ]
    sync_languages(Language)
    languages = [Language.objects.get(code=code) for code in LANGUAGES]
    return municipalities, languages


def build_pages(home):
    index = VolunteerIndexPageFactory(
        parent=home,
        slug="ethelontismos",
        body=json.dumps(BODY),
        show_in_menus=True,
        **INDEX["el"],
    )
    if not index.last_published_at:
        publish(index)
    opportunities = []
    for order, row in enumerate(OPPORTUNITIES):
        slug, title, summary, commitment, where, skills = row
        today = timezone.localdate()
        page = VolunteerOpportunityPageFactory(
            parent=index,
            slug=slug,
            title=title,
            summary=summary,
            time_commitment=commitment,
            where=where,
            skills_that_help=skills,
            is_ongoing=order != 3,
            starts_on=None if order != 3 else today + datetime.timedelta(days=20),
            ends_on=None if order != 3 else today + datetime.timedelta(days=80),
            contact_name="Γραφείο εθελοντισμού",
            contact_email="ethelontes@example.org",
            contact_phone="27210 00000",
        )
        if not page.last_published_at:
            publish(page)
        opportunities.append(page)
    return index, opportunities


def build_volunteers(municipalities, languages, opportunities):
    skills = [choice.value for choice in Skill]
    slots = [code for code, _label in availability_choices()]
    now = timezone.now()
    created = 0
    for number, status in enumerate(STATUSES):
        email = f"ethelontis{number + 1:02d}@example.org"
        if Volunteer.objects.filter(email=email).exists():
            continue
        name = (
            f"{FIRST_NAMES[number % len(FIRST_NAMES)]} "
            f"{SURNAMES[number // len(FIRST_NAMES)]}"
        )
        confirmed = None
        if status != Volunteer.Status.UNCONFIRMED:
            confirmed = now - datetime.timedelta(days=(number * 3) % 40, hours=number)
        volunteer = VolunteerFactory(
            name=name,
            email=email,
            phone=f"+3069{number:08d}",
            status=status,
            municipality=municipalities[number % len(municipalities)],
            skills=[
                skills[number % len(skills)],
                skills[(number * 3 + 1) % len(skills)],
            ],
            availability=sorted(
                {slots[(number * 5) % len(slots)], slots[(number * 7 + 2) % len(slots)]}
            ),
            may_contact_about_future=number % 3 != 0,
            confirmed_at=confirmed,
            message="Έχω ελεύθερο χρόνο και θέλω να βοηθήσω."
            if number % 4 == 0
            else "",
            languages=[languages[0], languages[number % len(languages)]],
            interests=[opportunities[number % len(opportunities)]],
        )
        if confirmed is not None:
            Volunteer.objects.filter(pk=volunteer.pk).update(created_at=confirmed)
        created += 1
    return created


def build(log):
    home = home_page("el")
    if home is None:
        log("volunteering: no home page, skipped")
        return
    municipalities, languages = build_reference_data()
    index, opportunities = build_pages(home)
    created = build_volunteers(municipalities, languages, opportunities)
    log(
        f"volunteering: {len(opportunities)} opportunities, "
        f"{Volunteer.objects.count()} volunteers ({created} new)"
    )
