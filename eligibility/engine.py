"""Which programmes a household may qualify for: plain functions over plain data.

What a person told us becomes one *fact* per variable:

* ``Known(value)``: an exact answer (2 adults, renting, 67 years old);
* ``Between(low, high)``: a band, both ends included (income 7,000.01–9,000 €);
* ``UNKNOWN``: not asked, or "I don't know".

A rule is a list of conditions, each a JSON Logic expression over the
variables (``{"<=": [{"var": "income"}, {"var": "limit.income"}]}``) and the
rule's dated limits (``limit.<name>``, worked out for the household's size on
the day of the check). A condition is evaluated for every combination of
*candidate* values of the variables it reads: the answer itself, or, for a
band or an unknown answer, its ends and every number the condition compares
against (and one step either side of it). If every combination gives the same
answer the condition is met or not met; if they disagree, the outcome
*depends* on something the check did not ask precisely enough.

A rule is not met when a condition is not met, depends when a condition
depends, and is met when all are. Nothing here raises for any answers: an
expression that fails on some values (a division by zero that validation did
not foresee) makes its condition *depend*, and the failure is logged.
"""

import datetime
import itertools
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from json_logic import jsonLogic

logger = logging.getLogger(__name__)

LIMIT_PREFIX = "limit."
# Beyond this many combinations a condition is reported as depending on the
# answers rather than evaluated: no real rule comes near it.
MAX_COMBINATIONS = 20_000


class Outcome(StrEnum):
    MET = "met"
    DEPENDS = "depends"
    NOT_MET = "not_met"


# Results are listed most certain first.
OUTCOME_ORDER = {Outcome.MET: 0, Outcome.DEPENDS: 1, Outcome.NOT_MET: 2}


@dataclass(frozen=True)
class Known:
    value: object


@dataclass(frozen=True)
class Between:
    low: float
    high: float


class _Unknown:
    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = _Unknown()


class Kind(StrEnum):
    NUMBER = "number"
    CHOICE = "choice"
    FLAG = "flag"


@dataclass(frozen=True)
class Variable:
    """What a variable can be: a number in [low, high] counted in steps, one
    of some choices, or true/false."""

    name: str
    kind: Kind
    low: float = 0
    high: float = 0
    step: float = 1
    choices: tuple = ()

    def candidates(self, fact, criticals=()):
        if isinstance(fact, Known):
            return [fact.value]
        if self.kind == Kind.FLAG:
            return [False, True]
        if self.kind == Kind.CHOICE:
            return list(self.choices)
        low, high = (
            (fact.low, fact.high)
            if isinstance(fact, Between)
            else (self.low, self.high)
        )
        values = {low, high}
        for critical in criticals:
            for value in (critical - self.step, critical, critical + self.step):
                if low <= value <= high:
                    values.add(round(value, 2))
        return sorted(values)


@dataclass(frozen=True)
class Limit:
    """A number a rule uses (an income ceiling, an age), valid from a date,
    for a household of one adult, with what each other adult or child adds."""

    name: str
    valid_from: datetime.date
    base: Decimal
    per_other_adult: Decimal = Decimal(0)
    per_child: Decimal = Decimal(0)
    single_parent_extra: Decimal = Decimal(0)
    maximum: Decimal | None = None

    def amount(self, adults, children):
        adults = max(int(adults or 1), 1)
        children = max(int(children or 0), 0)
        total = (
            self.base
            + self.per_other_adult * (adults - 1)
            + self.per_child * children
            + (self.single_parent_extra if adults == 1 and children else 0)
        )
        if self.maximum is not None:
            total = min(total, self.maximum)
        return float(total)


@dataclass(frozen=True)
class Condition:
    key: str
    expression: dict


@dataclass(frozen=True)
class Rule:
    key: str
    conditions: tuple
    limits: tuple = ()


@dataclass(frozen=True)
class ConditionResult:
    key: str
    outcome: Outcome


@dataclass(frozen=True)
class RuleResult:
    key: str
    outcome: Outcome
    conditions: tuple
    # The limits in force on the day, for this household when it is known:
    # what the reasons quote ("the limit of 7,000 € for one person").
    limits: dict = field(default_factory=dict)

    def conditions_with(self, outcome):
        return [result for result in self.conditions if result.outcome == outcome]


# Variables worked out from others rather than asked.
HOUSEHOLD_INPUTS = ("household.adults", "household.children")
DERIVED = {
    "household.size": HOUSEHOLD_INPUTS,
    "household.single_parent": HOUSEHOLD_INPUTS,
}


def derived_values(adults, children):
    if adults is None or children is None:
        return {"household.size": None, "household.single_parent": None}
    return {
        "household.size": adults + children,
        "household.single_parent": adults == 1 and children > 0,
    }


# Reading expressions --------------------------------------------------------


def operations(expression):
    """Every (operator, arguments) pair in an expression, depth first."""
    if isinstance(expression, list):
        for item in expression:
            yield from operations(item)
        return
    if not isinstance(expression, dict) or len(expression) != 1:
        return
    operator, arguments = next(iter(expression.items()))
    if not isinstance(arguments, list):
        arguments = [arguments]
    yield operator, arguments
    for argument in arguments:
        yield from operations(argument)


def variables_read(expression):
    """The names an expression reads with ``var`` (literal names only)."""
    names = set()
    for operator, arguments in operations(expression):
        if operator == "var" and arguments and isinstance(arguments[0], str):
            names.add(arguments[0])
    return names


def numbers_in(expression):
    """Every number written in an expression: what answers are compared with."""
    found = set()

    def walk(node):
        if isinstance(node, bool):
            return
        if isinstance(node, int | float):
            found.add(float(node))
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(expression)
    return found


def inputs_of(names):
    """The asked variables behind the names an expression reads."""
    inputs = set()
    for name in names:
        if name.startswith(LIMIT_PREFIX):
            inputs.update(HOUSEHOLD_INPUTS)
        else:
            inputs.update(DERIVED.get(name, (name,)))
    return inputs


# Limits ---------------------------------------------------------------------


def limits_on(limits, day):
    """For each name, the row in force on the day: the latest valid from it."""
    current = {}
    for limit in limits:
        if limit.valid_from > day:
            continue
        if (
            limit.name not in current
            or limit.valid_from > current[limit.name].valid_from
        ):
            current[limit.name] = limit
    return current


# Evaluation -----------------------------------------------------------------


def nested(flat):
    """{"household.adults": 2} -> {"household": {"adults": 2}} for ``var``."""
    data = {}
    for name, value in flat.items():
        *path, last = name.split(".")
        node = data
        for part in path:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[last] = value
    return data


def fact_of(facts, name):
    return facts.get(name, UNKNOWN)


def household_candidates(variables, facts, literals):
    """Adults and children to try. A single parent is a household shape of
    its own (limits jump there), so an unknown household tries one and two
    adults, no child and one child, besides its ends and the literals."""
    adults_fact = fact_of(facts, "household.adults")
    children_fact = fact_of(facts, "household.children")
    adults = variables["household.adults"].candidates(adults_fact, literals)
    children = variables["household.children"].candidates(children_fact, literals)
    if not isinstance(adults_fact, Known):
        adults = sorted({*adults, 1, 2})
    if not isinstance(children_fact, Known):
        children = sorted({*children, 0, 1})
    return adults, children


def evaluate_condition(condition, facts, variables, limits):
    """MET, NOT_MET or DEPENDS for one condition, given the facts and the
    limits in force (name -> Limit)."""
    names = variables_read(condition.expression)
    if any(
        name.startswith(LIMIT_PREFIX) and name[len(LIMIT_PREFIX) :] not in limits
        for name in names
    ):
        return Outcome.DEPENDS  # no value of that limit is in force yet
    inputs = sorted(inputs_of(names))
    if any(name not in variables for name in inputs):
        return Outcome.DEPENDS
    literals = numbers_in(condition.expression)
    reads_limits = any(name.startswith(LIMIT_PREFIX) for name in names)

    choices = {}
    if set(HOUSEHOLD_INPUTS) & set(inputs):
        choices["household.adults"], choices["household.children"] = (
            household_candidates(variables, facts, literals)
        )
    criticals = set(literals)
    if reads_limits:
        for adults, children in itertools.product(
            choices["household.adults"], choices["household.children"]
        ):
            criticals.update(
                limit.amount(adults, children) for limit in limits.values()
            )
    for name in inputs:
        if name not in choices:
            choices[name] = variables[name].candidates(fact_of(facts, name), criticals)

    total = 1
    for values in choices.values():
        total *= max(len(values), 1)
    if total > MAX_COMBINATIONS:
        return Outcome.DEPENDS

    seen = set()
    for combination in itertools.product(*(choices[name] for name in inputs)):
        flat = dict(zip(inputs, combination, strict=True))
        if reads_limits or set(DERIVED) & names:
            adults = flat.get("household.adults")
            children = flat.get("household.children")
            flat.update(derived_values(adults, children))
            for name, limit in limits.items():
                flat[LIMIT_PREFIX + name] = limit.amount(adults, children)
        try:
            seen.add(bool(jsonLogic(condition.expression, nested(flat))))
        except (ArithmeticError, TypeError, ValueError, KeyError, IndexError) as error:
            logger.warning("Condition %s failed on %s: %s", condition.key, flat, error)
            return Outcome.DEPENDS
        if len(seen) > 1:
            return Outcome.DEPENDS
    if seen == {True}:
        return Outcome.MET
    return Outcome.NOT_MET


def quoted_limits(limits, facts):
    """The limits for this household, when its size is known, for the reasons."""
    adults = fact_of(facts, "household.adults")
    children = fact_of(facts, "household.children")
    if isinstance(adults, Known) and isinstance(children, Known):
        return {
            name: limit.amount(adults.value, children.value)
            for name, limit in limits.items()
        }
    # An unknown household: the reasons quote the limit for one person.
    return {name: limit.amount(1, 0) for name, limit in limits.items()}


def evaluate_rule(rule, facts, variables, day):
    limits = limits_on(rule.limits, day)
    results = tuple(
        ConditionResult(
            condition.key, evaluate_condition(condition, facts, variables, limits)
        )
        for condition in rule.conditions
    )
    outcomes = {result.outcome for result in results}
    if Outcome.NOT_MET in outcomes:
        outcome = Outcome.NOT_MET
    elif Outcome.DEPENDS in outcomes or not results:
        outcome = Outcome.DEPENDS
    else:
        outcome = Outcome.MET
    return RuleResult(rule.key, outcome, results, quoted_limits(limits, facts))


def check(rules, facts, variables, day):
    """Every rule's result, the most certain first (rules keep their order
    within an outcome)."""
    results = [evaluate_rule(rule, facts, variables, day) for rule in rules]
    return sorted(results, key=lambda result: OUTCOME_ORDER[result.outcome])
