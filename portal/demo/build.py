"""Build the demo Community Centre. Safe to run again: what exists is kept."""

import datetime
import json

from django.utils import timezone
from wagtail.models import Page, Site

from core.demo import ensure_translation, publish, site_locales
from core.factories import AlertBannerFactory
from core.models import AlertBanner, CentreSettings
from directory.models import TargetGroup
from portal.demo import content
from portal.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    HomePageFactory,
    StandardPageFactory,
)
from portal.models import HomePage

TRANSLATED_LANGUAGES = ("en", "ar")


def tree_root():
    """Wagtail's invisible root page; a flushed test database has none."""
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )


def ensure_home(locale):
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is not None:
        return home
    # Wagtail's migrations leave a "Welcome" placeholder as the site root;
    # deleting it removes its Site too, which is recreated below.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    fields = content.load()["HOME"]["el"]
    home = HomePageFactory(parent=tree_root(), slug="home", locale=locale, **fields)
    return publish(home)


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = content.load()["CENTRE"]["name"]
    site.save()
    return site


def build_standard_pages(home, locales):
    pages = {}
    for slug, versions in content.load()["STANDARD_PAGES"].items():
        title, intro, body = versions["el"]
        page = StandardPageFactory(
            parent=home,
            slug=slug,
            title=title,
            intro=intro,
            body=json.dumps(body),
            show_in_menus=versions["show_in_menus"],
        )
        if page.live and not page.has_unpublished_changes and page.last_published_at:
            pages[slug] = page
        else:
            pages[slug] = publish(page)
        for code in TRANSLATED_LANGUAGES:
            title, intro, body = versions[code]
            ensure_translation(
                page, locales[code], title=title, intro=intro, body=json.dumps(body)
            )
    return pages


def build_campaigns(home, locales):
    index = CampaignIndexPageFactory(
        parent=home,
        slug="enimerosi",
        title=content.load()["CAMPAIGN_INDEX"]["el"][0],
        intro=content.load()["CAMPAIGN_INDEX"]["el"][1],
        show_in_menus=True,
    )
    if not index.last_published_at:
        publish(index)
    for code in TRANSLATED_LANGUAGES:
        title, intro = content.load()["CAMPAIGN_INDEX"][code]
        ensure_translation(index, locales[code], title=title, intro=intro)

    today = timezone.localdate()
    groups = {
        group.slug: group for group in TargetGroup.objects.filter(locale=locales["el"])
    }
    for slug, title, summary, start, end, audience, paragraphs in content.load()[
        "CAMPAIGNS"
    ]:
        campaign = CampaignPageFactory(
            parent=index,
            slug=slug,
            title=title,
            summary=summary,
            starts_on=today + datetime.timedelta(days=start),
            ends_on=None if end is None else today + datetime.timedelta(days=end),
            body=json.dumps(
                [{"type": "paragraph", "value": text} for text in paragraphs]
            ),
            target_groups=[groups[name] for name in audience],
        )
        if not campaign.last_published_at:
            publish(campaign)
    return index


def build_home_translations(home, locales):
    for code in TRANSLATED_LANGUAGES:
        ensure_translation(home, locales[code], **content.load()["HOME"][code])


def build_home_topics(home, pages, campaigns):
    """Featured topics on each language's home page, linking to its own pages."""
    targets = [
        pages["pos-mporoume-na-voithisoume"],
        campaigns,
        pages["epikoinonia"],
        pages["poioi-eimaste"],
    ]
    for translation in home.get_translations(inclusive=True).specific():
        if translation.featured_topics:
            continue
        code = translation.locale.language_code
        translation.featured_topics = json.dumps(
            [
                {
                    "type": "topic",
                    "value": {
                        "title": title,
                        "description": text,
                        "page": page.get_translation(translation.locale).pk,
                    },
                }
                for (title, text), page in zip(
                    content.load()["TOPICS"][code], targets, strict=True
                )
            ]
        )
        publish(translation)


def build_centre_settings(pages):
    centre = CentreSettings.load()
    if centre.phone:
        return centre
    for name, value in content.load()["CENTRE"].items():
        setattr(centre, name, value)
    centre.opening_hours = json.dumps(
        [
            {
                "type": "hours",
                "value": {
                    "weekdays": ["0", "1", "2", "3", "4"],
                    "opens": "08:00",
                    "closes": "15:00",
                },
            },
            {
                "type": "hours",
                "value": {"weekdays": ["2"], "opens": "17:00", "closes": "19:00"},
            },
        ]
    )
    centre.privacy_page = pages["politiki-aporritou"]
    centre.accessibility_page = pages["dilosi-prosvasimotitas"]
    centre.save()
    return centre


def build_alert(locales, home):
    """The holiday-hours notice, in Greek, English and Arabic."""
    alert = AlertBanner.objects.filter(
        title=content.load()["ALERT"]["title"], locale=locales["el"]
    ).first()
    if alert is None:
        now = timezone.now()
        alert = AlertBannerFactory(
            locale=locales["el"],
            kind=AlertBanner.Kind.INFORMATION,
            starts_at=now - datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=45),
            link_page=home,
            **content.load()["ALERT"],
        )
    for code, fields in content.load()["ALERT_TRANSLATIONS"].items():
        if code in locales and alert.get_translation_or_none(locales[code]) is None:
            translated = alert.copy_for_translation(locales[code])
            for name, value in fields.items():
                setattr(translated, name, value)
            translated.save()


#: The pages where a visitor asking "how do I see someone?" looks first; each
#: ends with a call to action to the appointment request, in its language.
REQUEST_LINK_PAGES = ("pos-mporoume-na-voithisoume", "epikoinonia")
REQUEST_LINK = {
    "el": {
        "title": "Θέλετε να μιλήσετε με κάποιον από εμάς;",
        "text": "Ζητήστε ραντεβού και θα σας καλέσουμε για να κανονίσουμε μέρα "
        "και ώρα. Δεν χρειάζεται να ξέρετε ποια υπηρεσία σας αφορά.",
        "button_label": "Αίτημα για ραντεβού",
    },
    "en": {
        "title": "Would you like to talk to one of us?",
        "text": "Request an appointment and we will call you to agree a day and "
        "time. You do not need to know which service is the right one.",
        "button_label": "Request an appointment",
    },
    "ar": {
        "title": "هل تريد التحدث مع أحد موظفينا؟",
        "text": "اطلب موعدًا وسنتصل بك لنتفق على اليوم والساعة. لا تحتاج إلى "
        "معرفة الخدمة المناسبة لك.",
        "button_label": "طلب موعد",
    },
}


def build_request_links(log):
    """A call to action to the appointment request at the end of the "how we
    can help" and contact pages, in every language (after the appointments
    builder made the request page). Pages that already have one are kept."""
    request_page = CentreSettings.load().request_page
    home = HomePage.objects.filter(depth=2, locale__language_code="el").first()
    if request_page is None or home is None:
        log("site: no request page, the request links were skipped")
        return
    added = 0
    for slug in REQUEST_LINK_PAGES:
        page = Page.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            continue
        for translation in page.get_translations(inclusive=True).specific():
            words = REQUEST_LINK.get(translation.locale.language_code)
            body = translation.body
            if words is None or any(
                block.block_type == "call_to_action" for block in body
            ):
                continue
            block = body.stream_block.child_blocks["call_to_action"]
            link = {"page": request_page.pk, "url": ""}
            body.append(("call_to_action", block.to_python({**words, "link": link})))
            publish(translation)
            added += 1
    log(f"site: {added} links to the appointment request added")


def build(log):
    locales = site_locales()
    home = ensure_home(locales["el"])
    site = ensure_site(home)
    build_home_translations(home, locales)
    pages = build_standard_pages(home, locales)
    campaigns = build_campaigns(home, locales)
    build_home_topics(home, pages, campaigns)
    build_centre_settings(pages)
    build_alert(locales, home)
    log(f"site: {site} with {Page.objects.filter(depth__gt=1).count()} pages")
