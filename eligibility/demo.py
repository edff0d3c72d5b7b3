"""The demo check for seed_demo: the page "Τι δικαιούμαι;" in Greek, English
and Arabic under the home page, and the rules of eight programmes (five
national, three of the Municipality of Kalamata) with their sources, from
demo_content.json. Safe to run again: what exists is kept."""

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from wagtail.models import Locale, Page

from directory.models import ServicePage
from eligibility.models import (
    EligibilityCheckPage,
    EligibilityRule,
    RuleCondition,
    RuleLimit,
)

CONTENT_FILE = Path(__file__).with_name("demo_content.json")
SLUG = "ti-dikaioumai"
LANGUAGES = ("en", "ar")
# The day the sources were read.
CHECKED_ON = datetime.date(2026, 11, 30)


@cache
def load():
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


def publish(page):
    page.save_revision().publish()
    return page


def build_page(home, locales):
    page = EligibilityCheckPage.objects.filter(locale=locales["el"], slug=SLUG).first()
    if page is None:
        appointments = Page.objects.child_of(home).filter(slug="rantevou").first()
        page = EligibilityCheckPage(
            slug=SLUG, appointment_page=appointments, **load()["page"]["el"]
        )
        home.add_child(instance=page)
        publish(page)
    for code in LANGUAGES:
        if page.get_translation_or_none(locales[code]) is None:
            translated = page.copy_for_translation(locales[code])
            for name, value in load()["page"][code].items():
                setattr(translated, name, value)
            publish(translated)
    return page


def build_rule(entry, service, locales):
    rule = EligibilityRule(
        locale=locales["el"],
        service=service,
        title=entry["title"]["el"],
        sort_order=entry["sort_order"],
        key_facts=entry["key_facts"]["el"],
        window_note=entry["window_note"]["el"],
        source=entry["source"]["el"],
        source_url=entry["source_url"],
        source_checked_on=CHECKED_ON,
    )
    rule.limits = [
        RuleLimit(
            name=limit["name"],
            unit=limit.get("unit", RuleLimit.Unit.EUROS),
            valid_from=datetime.date.fromisoformat(limit["valid_from"]),
            base=Decimal(limit["base"]),
            per_other_adult=Decimal(limit.get("per_other_adult", 0)),
            per_child=Decimal(limit.get("per_child", 0)),
            single_parent_extra=Decimal(limit.get("single_parent_extra", 0)),
            maximum=None if limit.get("maximum") is None else Decimal(limit["maximum"]),
        )
        for limit in entry["limits"]
    ]
    rule.conditions = [
        RuleCondition(
            locale=locales["el"],
            expression=condition["expression"],
            reason_met=condition["reasons"]["el"][0],
            reason_depends=condition["reasons"]["el"][1],
            reason_not_met=condition["reasons"]["el"][2],
        )
        for condition in entry["conditions"]
    ]
    rule.save()
    for code in LANGUAGES:
        translate_rule(rule, entry, code, locales[code])
    return rule


def translate_rule(rule, entry, code, locale):
    """The rule's words in another language; its conditions keep the Greek
    rule's translation keys, so that each reason finds its condition."""
    translated = rule.copy_for_translation(locale)
    translated.title = entry["title"][code]
    translated.key_facts = entry["key_facts"][code]
    translated.window_note = entry["window_note"][code]
    translated.source = entry["source"][code]
    conditions = list(translated.conditions.all())
    for condition, words in zip(conditions, entry["conditions"], strict=True):
        condition.locale = locale
        condition.reason_met, condition.reason_depends, condition.reason_not_met = (
            words["reasons"][code]
        )
    translated.conditions = conditions
    translated.save()


def build_rules(locales):
    created = 0
    for entry in load()["rules"]:
        service = ServicePage.objects.filter(
            locale=locales["el"], slug=entry["service"]
        ).first()
        if service is None:
            continue
        if EligibilityRule.objects.filter(
            locale=locales["el"], service=service
        ).exists():
            continue
        build_rule(entry, service, locales)
        created += 1
    return created


def build(log):
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("el", *LANGUAGES)
    }
    home = Page.objects.filter(depth=2, locale=locales["el"]).first()
    if home is None:
        log("eligibility: no home page, skipped")
        return
    build_page(home.specific, locales)
    created = build_rules(locales)
    rules = EligibilityRule.objects.filter(locale=locales["el"]).count()
    log(f"eligibility: check page, {rules} rules ({created} new)")
