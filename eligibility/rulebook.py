"""The rules and what the results show of each programme, read from the
database once per language and kept in the shared cache until a rule, a
municipality or a page changes."""

import time

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale

from core import chrome
from directory.models import Municipality, ServicePage
from eligibility.engine import variables_read
from eligibility.models.rules import EligibilityRule, RuleCondition, RuleLimit
from eligibility.programmes import Document, Programme, Reasons, Rulebook

VERSION_KEY = "kentro:eligibility-version"
CACHE_SECONDS = 3600


def version():
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def bump(*args, **kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def connect_signals():
    for model in (EligibilityRule, RuleCondition, RuleLimit, Municipality):
        for signal in (post_save, post_delete):
            signal.connect(
                bump, sender=model, dispatch_uid=f"kentro-eligibility-{signal}-{model}"
            )


def load(locale):
    key = f"kentro:eligibility:{locale.language_code}:{version()}:{chrome.version()}"
    rulebook = cache.get(key)
    if rulebook is None:
        rulebook = build(locale)
        cache.set(key, rulebook, timeout=CACHE_SECONDS)
    return rulebook


def source_rules():
    """The Greek rules in use, with their conditions and limits."""
    return list(
        EligibilityRule.objects.in_use()
        .filter(locale=Locale.get_default())
        .select_related("service")
        .prefetch_related(
            Prefetch(
                "conditions", queryset=RuleCondition.objects.order_by("sort_order")
            ),
            Prefetch("limits", queryset=RuleLimit.objects.order_by("valid_from")),
        )
    )


def build(locale):
    rules = source_rules()
    keys = [rule.translation_key for rule in rules]
    translated = {
        rule.translation_key: rule
        for rule in EligibilityRule.objects.filter(
            locale=locale, translation_key__in=keys
        ).prefetch_related("conditions")
    }
    service_keys = [rule.service.translation_key for rule in rules]
    services = (
        {
            (page.translation_key, page.locale_id): page
            for page in ServicePage.objects.live()
            .filter(
                translation_key__in=service_keys, locale__in=[locale, rules[0].locale]
            )
            .select_related("locale")
            .prefetch_related("required_documents")
        }
        if rules
        else {}
    )
    programmes = {}
    for rule in rules:
        words = translated.get(rule.translation_key, rule)
        service = services.get(
            (rule.service.translation_key, locale.pk)
        ) or services.get((rule.service.translation_key, rule.locale_id))
        if service is None:
            continue
        texts = {
            condition.translation_key: condition for condition in words.conditions.all()
        }
        reasons = {}
        for condition in rule.conditions.all():
            text = texts.get(condition.translation_key, condition)
            reasons[str(condition.translation_key)] = Reasons(
                met=text.reason_met,
                depends=text.reason_depends,
                not_met=text.reason_not_met,
            )
        programmes[str(rule.translation_key)] = Programme(
            key=str(rule.translation_key),
            rule_id=rule.pk,
            title=words.title,
            service_id=service.pk,
            service_title=service.title,
            service_url=service.url,
            service_language=service.locale.language_code,
            summary=service.summary,
            key_facts=tuple(
                line.strip() for line in words.key_facts.splitlines() if line.strip()
            ),
            documents=tuple(
                Document(document.name, document.note)
                for document in service.required_documents.all()
            ),
            window_opens=rule.window_opens,
            window_closes=rule.window_closes,
            window_note=words.window_note,
            source=words.source,
            source_url=rule.source_url,
            source_checked_on=rule.source_checked_on,
            accepts_appointments=service.accepts_appointments,
            reasons=reasons,
            units={limit.name: limit.unit for limit in rule.limits.all()},
        )
    engine_rules = tuple(
        rule.as_engine_rule()
        for rule in rules
        if str(rule.translation_key) in programmes
    )
    names = set()
    for engine_rule in engine_rules:
        for condition in engine_rule.conditions:
            names |= variables_read(condition.expression)
    return Rulebook(
        rules=engine_rules,
        programmes=programmes,
        municipalities=municipalities(locale),
        names_read=frozenset(names),
    )


def municipalities(locale):
    """(slug, name) of the site's municipalities, named in the visitor's
    language where they are translated."""
    found = {}
    for municipality in Municipality.objects.filter(
        locale__in=[locale, Locale.get_default()]
    ).order_by("sort_order", "sort_name", "name"):
        if municipality.locale_id == locale.pk or municipality.slug not in found:
            found[municipality.slug] = municipality.name
    return tuple(found.items())
