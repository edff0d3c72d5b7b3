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


# Monthly distribution days: the Social Grocery's at its store in town, and
# the Mobile Unit's in a village it serves (it shows on the unit's schedule
# too). Their English and Arabic pages are in portal/demo/translations.json.
DISTRIBUTIONS = [
    {
        "location": "apothiki-pantopoleiou",
        "weekday": 2,  # Wednesday
        "week_of_month": 1,
        "hours": (10, 13),
        "slug": "miniaia-dianomi-pantopoleiou",
        "title": "Μηνιαία διανομή του Κοινωνικού Παντοπωλείου",
        "summary": (
            "Τρόφιμα και είδη πρώτης ανάγκης για τις οικογένειες που είναι "
            "εγγεγραμμένες στο Κοινωνικό Παντοπωλείο. Κάθε πρώτη Τετάρτη του μήνα."
        ),
        "who_can_come": (
            "Οικογένειες και άτομα εγγεγραμμένα στο Κοινωνικό Παντοπωλείο του "
            "Δήμου Καλαμάτας. Αν δεν είστε εγγεγραμμένοι, ζητήστε ραντεβού με το "
            "Κέντρο Κοινότητας για να δούμε μαζί αν δικαιούστε."
        ),
        "what_to_bring": (
            "Την κάρτα του Κοινωνικού Παντοπωλείου\nΑστυνομική ταυτότητα ή "
            "διαβατήριο\nΤσάντες για τα τρόφιμα"
        ),
    },
    {
        "location": "kinito-meligalas",
        "weekday": 3,  # Thursday
        "week_of_month": -1,
        "hours": (10, 12),
        "slug": "dianomi-kinitis-monadas-meligalas",
        "title": "Διανομή τροφίμων της Κινητής Μονάδας στον Μελιγαλά",
        "summary": (
            "Η Κινητή Μονάδα φέρνει τρόφιμα και είδη πρώτης ανάγκης του "
            "Κοινωνικού Παντοπωλείου σε όσους δεν μπορούν να έρθουν στην Καλαμάτα. "
            "Την τελευταία Πέμπτη του μήνα."
        ),
        "who_can_come": (
            "Οικογένειες και άτομα εγγεγραμμένα στο Κοινωνικό Παντοπωλείο που "
            "μένουν στα χωριά του Δήμου Οιχαλίας."
        ),
        "what_to_bring": (
            "Την κάρτα του Κοινωνικού Παντοπωλείου\nΑστυνομική ταυτότητα ή "
            "διαβατήριο\nΤσάντες για τα τρόφιμα"
        ),
    },
]


def first_weekday_after(day, weekday, week_of_month):
    """The week_of_month-th (1 to 4, or -1 for the last) weekday (0 =
    Monday) of the month after ``day``'s."""
    first = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    if week_of_month > 0:
        found = first + datetime.timedelta(days=(weekday - first.weekday()) % 7)
        return found + datetime.timedelta(weeks=week_of_month - 1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def build_distribution_days(locales):
    """Six months of each demo distribution day, in Greek; [EventPage]."""
    index = EventIndexPage.objects.filter(locale=locales["el"]).first()
    if index is None:
        return []
    built = []
    for fields in DISTRIBUTIONS:
        fields = dict(fields)
        location = Location.objects.filter(
            locale=locales["el"], slug=fields.pop("location")
        ).first()
        weekday, week_of_month = fields.pop("weekday"), fields["week_of_month"]
        opens, closes = fields.pop("hours")
        day = first_weekday_after(timezone.localdate(), weekday, week_of_month)
        page = EventPageFactory(
            parent=index,
            kind=EventKind.DISTRIBUTION,
            start=local_datetime(day, opens),
            end=local_datetime(day, closes),
            repeat="monthly",
            weekdays=str(weekday),
            repeat_count=6,
            location=location,
            **fields,
        )
        built.append(publish_once(page))
    return built


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
