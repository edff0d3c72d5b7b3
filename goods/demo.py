"""The demo needs page for seed_demo: the Kalamata centre's and its Social
Grocery's (Κοινωνικό Παντοπωλείο) needs list, in el, en and ar, and two
drop-off points from the directory. Safe to run again."""

import datetime

from django.utils import timezone

from core.demo import ensure_translation, home_page, publish_once, site_locales
from directory.models import Location
from events.choices import EventKind
from events.factories import EventPageFactory, local_datetime
from events.models import EventIndexPage
from goods.factories import NeedsPageFactory
from goods.models import DropOffPoint, GoodsCategory, NeedItem, Urgency

PAGE = {
    "el": {
        "title": "Τι χρειαζόμαστε",
        "intro": (
            "Το Κέντρο Κοινότητας και το Κοινωνικό Παντοπωλείο του Δήμου "
            "Καλαμάτας μοιράζουν κάθε μήνα τρόφιμα και είδη πρώτης ανάγκης σε "
            "οικογένειες της πόλης. Δείτε τι μας λείπει τώρα και πού να το φέρετε."
        ),
    },
    "en": {
        "title": "What we need",
        "intro": (
            "The Community Centre and the Social Grocery of the Municipality of "
            "Kalamata hand out food and basic goods to families of the town every "
            "month. See what we are short of now and where to bring it."
        ),
    },
    "ar": {
        "title": "ما نحتاج إليه",
        "intro": (
            "يوزّع مركز المجتمع والبقالة الاجتماعية في بلدية كالاماتا كل شهر "
            "المواد الغذائية والسلع الأساسية على عائلات المدينة. اطّلع على ما "
            "ينقصنا الآن وأين تحضره."
        ),
    },
}

# (category, urgency, quantity, {language: name})
ITEMS = [
    (
        GoodsCategory.FOOD,
        Urgency.URGENT,
        60,
        {"el": "Γάλα εβαπορέ", "en": "Evaporated milk", "ar": "حليب مبخّر"},
    ),
    (
        GoodsCategory.FOOD,
        Urgency.URGENT,
        None,
        {
            "el": "Όσπρια (φακές, φασόλια, ρεβίθια)",
            "en": "Pulses (lentils, beans, chickpeas)",
            "ar": "بقوليات (عدس، فاصولياء، حمّص)",
        },
    ),
    (
        GoodsCategory.FOOD,
        Urgency.NEEDED,
        40,
        {
            "el": "Ελαιόλαδο (φιάλη 1 λίτρου)",
            "en": "Olive oil (1 litre bottle)",
            "ar": "زيت زيتون (عبوة لتر واحد)",
        },
    ),
    (
        GoodsCategory.FOOD,
        Urgency.NEEDED,
        None,
        {"el": "Ζυμαρικά και ρύζι", "en": "Pasta and rice", "ar": "معكرونة وأرز"},
    ),
    (
        GoodsCategory.FOOD,
        Urgency.ENOUGH,
        None,
        {"el": "Αλεύρι", "en": "Flour", "ar": "طحين"},
    ),
    (
        GoodsCategory.BABY,
        Urgency.URGENT,
        30,
        {"el": "Πάνες No 4", "en": "Nappies size 4", "ar": "حفاضات مقاس 4"},
    ),
    (
        GoodsCategory.BABY,
        Urgency.NEEDED,
        30,
        {"el": "Πάνες No 5", "en": "Nappies size 5", "ar": "حفاضات مقاس 5"},
    ),
    (
        GoodsCategory.BABY,
        Urgency.NEEDED,
        None,
        {
            "el": "Βρεφικό γάλα 2ης βρεφικής ηλικίας",
            "en": "Follow-on baby milk (from 6 months)",
            "ar": "حليب أطفال للمرحلة الثانية",
        },
    ),
    (
        GoodsCategory.HYGIENE,
        Urgency.NEEDED,
        None,
        {"el": "Σαμπουάν", "en": "Shampoo", "ar": "شامبو"},
    ),
    (
        GoodsCategory.HYGIENE,
        Urgency.NEEDED,
        None,
        {
            "el": "Οδοντόκρεμες και οδοντόβουρτσες",
            "en": "Toothpaste and toothbrushes",
            "ar": "معجون وفرش أسنان",
        },
    ),
    (
        GoodsCategory.HYGIENE,
        Urgency.ENOUGH,
        None,
        {"el": "Σαπούνια", "en": "Soap bars", "ar": "صابون"},
    ),
    (
        GoodsCategory.SCHOOL,
        Urgency.URGENT,
        25,
        {"el": "Σχολικές τσάντες", "en": "School bags", "ar": "حقائب مدرسية"},
    ),
    (
        GoodsCategory.SCHOOL,
        Urgency.NEEDED,
        None,
        {
            "el": "Τετράδια και μολύβια",
            "en": "Exercise books and pencils",
            "ar": "دفاتر وأقلام رصاص",
        },
    ),
    (
        GoodsCategory.CLOTHING,
        Urgency.ENOUGH,
        None,
        {"el": "Ρούχα ενηλίκων", "en": "Adult clothes", "ar": "ملابس للكبار"},
    ),
    (
        GoodsCategory.CLOTHING,
        Urgency.NEEDED,
        None,
        {
            "el": "Χειμωνιάτικα παπούτσια παιδικά",
            "en": "Children's winter shoes",
            "ar": "أحذية شتوية للأطفال",
        },
    ),
    (
        GoodsCategory.HOUSEHOLD,
        Urgency.NEEDED,
        None,
        {
            "el": "Απορρυπαντικό πλυντηρίου",
            "en": "Laundry detergent",
            "ar": "مسحوق غسيل",
        },
    ),
    (
        GoodsCategory.HOUSEHOLD,
        Urgency.ENOUGH,
        None,
        {"el": "Κουβέρτες", "en": "Blankets", "ar": "بطانيات"},
    ),
]

# (directory location slug, categories it takes: empty means everything)
DROP_OFF_POINTS = [
    ("kentro-koinotitas", []),
    (
        "apothiki-pantopoleiou",
        [
            GoodsCategory.FOOD,
            GoodsCategory.BABY,
            GoodsCategory.HYGIENE,
            GoodsCategory.HOUSEHOLD,
        ],
    ),
]


def build_items(locales):
    created = 0
    for category, urgency, quantity, names in ITEMS:
        item = NeedItem.objects.filter(locale=locales["el"], name=names["el"]).first()
        if item is None:
            item = NeedItem.objects.create(
                locale=locales["el"],
                category=category,
                urgency=urgency,
                quantity_needed=quantity,
                name=names["el"],
            )
            created += 1
        for code in ("en", "ar"):
            if item.get_translation_or_none(locales[code]) is None:
                translated = item.copy_for_translation(locales[code])
                translated.name = names[code]
                translated.save()
    return created


def build_page(home, locales):
    page = NeedsPageFactory(parent=home, show_in_menus=True, **PAGE["el"])
    if not page.drop_off_points.exists():
        for order, (slug, accepts) in enumerate(DROP_OFF_POINTS):
            location = Location.objects.filter(locale=locales["el"], slug=slug).first()
            if location is not None:
                DropOffPoint.objects.create(
                    page=page,
                    location=location,
                    accepts=[str(c) for c in accepts],
                    sort_order=order,
                )
    publish_once(page)
    for code in ("en", "ar"):
        ensure_translation(page, locales[code], **PAGE[code])
    return page


DISTRIBUTION = {
    "slug": "miniaia-dianomi-pantopoleiou",
    "title": "Μηνιαία διανομή του Κοινωνικού Παντοπωλείου",
    "summary": (
        "Τρόφιμα και είδη πρώτης ανάγκης για τις οικογένειες που είναι "
        "εγγεγραμμένες στο Κοινωνικό Παντοπωλείο. Κάθε πρώτη Τετάρτη του μήνα."
    ),
    "who_can_come": (
        "Οικογένειες και άτομα εγγεγραμμένα στο Κοινωνικό Παντοπωλείο του Δήμου "
        "Καλαμάτας. Αν δεν είστε εγγεγραμμένοι, ζητήστε ραντεβού με το Κέντρο "
        "Κοινότητας για να δούμε μαζί αν δικαιούστε."
    ),
    "what_to_bring": (
        "Την κάρτα του Κοινωνικού Παντοπωλείου\nΑστυνομική ταυτότητα ή διαβατήριο\n"
        "Τσάντες για τα τρόφιμα"
    ),
}


def first_wednesday_after(day):
    """The first Wednesday of the month after ``day``'s."""
    first = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first + datetime.timedelta(days=(2 - first.weekday()) % 7)


def build_distribution_days(locales):
    """Monthly distribution days at the Social Grocery's store, in Greek."""
    index = EventIndexPage.objects.filter(locale=locales["el"]).first()
    grocery = Location.objects.filter(
        locale=locales["el"], slug="apothiki-pantopoleiou"
    ).first()
    if index is None:
        return None
    day = first_wednesday_after(timezone.localdate())
    page = EventPageFactory(
        parent=index,
        kind=EventKind.DISTRIBUTION,
        start=local_datetime(day, 10),
        end=local_datetime(day, 13),
        repeat="monthly",
        weekdays="2",
        week_of_month=1,
        repeat_count=6,
        location=grocery,
        **DISTRIBUTION,
    )
    return publish_once(page)


def build(log):
    home = home_page("el")
    if home is None:
        log("goods: no home page, skipped")
        return
    locales = site_locales()
    created = build_items(locales)
    page = build_page(home, locales)
    build_distribution_days(locales)
    log(
        f"goods: {page.title} with {page.drop_off_points.count()} drop-off points, "
        f"{NeedItem.objects.filter(locale=locales['el']).count()} items "
        f"({created} new)"
    )
