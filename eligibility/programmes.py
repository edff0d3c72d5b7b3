"""What the results page shows of each programme, as plain data: built once
from the rules and service pages (see eligibility.rulebook) and read by the
views and templates, with the reasons filled in for the household."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import ngettext

from eligibility.engine import LIMIT_PREFIX, Known, Outcome
from eligibility.expressions import HOUSEHOLD_PLACEHOLDER, PLACEHOLDER


@dataclass(frozen=True)
class Document:
    name: str
    note: str = ""


@dataclass(frozen=True)
class Reasons:
    met: str
    depends: str
    not_met: str

    def for_outcome(self, outcome):
        return {
            Outcome.MET: self.met,
            Outcome.DEPENDS: self.depends,
            Outcome.NOT_MET: self.not_met,
        }[outcome]


@dataclass(frozen=True)
class Programme:
    key: str
    rule_id: int
    title: str
    service_id: int
    service_title: str
    service_url: str
    service_language: str
    summary: str = ""
    key_facts: tuple = ()
    documents: tuple = ()
    window_opens: datetime.date | None = None
    window_closes: datetime.date | None = None
    window_note: str = ""
    source: str = ""
    source_url: str = ""
    source_checked_on: datetime.date | None = None
    accepts_appointments: bool = True
    reasons: dict = field(default_factory=dict)  # condition key -> Reasons
    units: dict = field(default_factory=dict)  # limit name -> "euros" | "number"

    def window_state(self, day):
        """ "before", "open", "closed" or "" (no dates: see the note)."""
        if self.window_opens and day < self.window_opens:
            return "before"
        if self.window_closes and day > self.window_closes:
            return "closed"
        if self.window_opens or self.window_closes:
            return "open"
        return ""


@dataclass(frozen=True)
class Rulebook:
    rules: tuple
    programmes: dict
    municipalities: tuple  # (slug, name in the visitor's language)
    names_read: frozenset


def household_phrase(facts):
    adults = facts.get("household.adults")
    children = facts.get("household.children")
    if isinstance(adults, Known) and isinstance(children, Known):
        size = adults.value + children.value
    else:
        size = 1
    return ngettext("%(count)s person", "%(count)s people", size) % {"count": size}


def format_limit(value, unit):
    if unit == "number":
        return number_format(value, 0, force_grouping=True)
    return f"{number_format(value, 0, force_grouping=True)} €"


def fill(template, limits, units, facts):
    """A reason with its placeholders replaced: {household} by "3 people",
    {limit.income} by the limit for this household."""

    def replace(match):
        name = match.group(1)
        if name == HOUSEHOLD_PLACEHOLDER:
            return household_phrase(facts)
        if name.startswith(LIMIT_PREFIX):
            limit = name[len(LIMIT_PREFIX) :]
            if limit in limits:
                return format_limit(limits[limit], units.get(limit, "euros"))
        return match.group(0)

    return PLACEHOLDER.sub(replace, template or "")


@dataclass(frozen=True)
class Finding:
    """One programme's result as the page shows it."""

    programme: Programme
    outcome: Outcome
    reasons: tuple  # (outcome, text), in the conditions' order


def findings(rulebook, results, facts):
    """The results with their programme and reasons, most certain first."""
    found = []
    for result in results:
        programme = rulebook.programmes.get(result.key)
        if programme is None:
            continue
        reasons = []
        for condition in result.conditions:
            texts = programme.reasons.get(condition.key)
            if texts is None:
                continue
            text = fill(
                texts.for_outcome(condition.outcome),
                result.limits,
                programme.units,
                facts,
            )
            if text:
                reasons.append((condition.outcome, text))
        found.append(Finding(programme, result.outcome, tuple(reasons)))
    return found
