"""The engine on plain data: no database, no request."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import engine
from eligibility.engine import UNKNOWN, Between, Known, Outcome
from eligibility.variables import VARIABLES, variables_for

DAY = datetime.date(2026, 11, 30)
MUNICIPALITIES = ("kalamata", "dytiki-mani", "oichalia", "trifylia", "messini")
DEMO = json.loads(
    (Path(engine.__file__).with_name("demo_content.json")).read_text(encoding="utf-8")
)


def demo_rules():
    """The demo's rules as the engine sees them."""
    rules = []
    for number, entry in enumerate(DEMO["rules"]):
        rules.append(
            engine.Rule(
                key=entry["service"],
                conditions=tuple(
                    engine.Condition(f"{number}-{index}", condition["expression"])
                    for index, condition in enumerate(entry["conditions"])
                ),
                limits=tuple(
                    engine.Limit(
                        name=limit["name"],
                        valid_from=datetime.date.fromisoformat(limit["valid_from"]),
                        base=Decimal(limit["base"]),
                        per_other_adult=Decimal(limit.get("per_other_adult", 0)),
                        per_child=Decimal(limit.get("per_child", 0)),
                        single_parent_extra=Decimal(
                            limit.get("single_parent_extra", 0)
                        ),
                        maximum=None
                        if limit.get("maximum") is None
                        else Decimal(limit["maximum"]),
                    )
                    for limit in entry["limits"]
                ),
            )
        )
    return rules


VARIABLES_HERE = variables_for(MUNICIPALITIES)
INCOME_RULE = engine.Rule(
    "housing",
    (engine.Condition("income", {"<=": [{"var": "income"}, {"var": "limit.income"}]}),),
    (
        engine.Limit(
            "income",
            datetime.date(2019, 1, 1),
            Decimal(7000),
            per_other_adult=Decimal(3500),
            per_child=Decimal(3500),
            single_parent_extra=Decimal(3500),
            maximum=Decimal(21000),
        ),
    ),
)


def outcome(rule, facts, day=DAY):
    return engine.evaluate_rule(rule, facts, VARIABLES_HERE, day).outcome


def one_person(**facts):
    return {
        "household.adults": Known(1),
        "household.children": Known(0),
        **facts,
    }


class TestLimits:
    def test_a_limit_grows_with_the_household_up_to_its_maximum(self):
        limit = INCOME_RULE.limits[0]
        assert limit.amount(1, 0) == 7000
        assert limit.amount(2, 0) == 10500
        assert limit.amount(1, 1) == 14000  # a single parent: the child counts twice
        assert limit.amount(2, 3) == 21000
        assert limit.amount(4, 6) == 21000

    def test_the_row_in_force_is_the_latest_that_has_started(self):
        old = engine.Limit("income", datetime.date(2019, 1, 1), Decimal(7000))
        new = engine.Limit("income", datetime.date(2027, 1, 1), Decimal(7500))
        assert engine.limits_on([old, new], datetime.date(2026, 12, 31)) == {
            "income": old
        }
        assert engine.limits_on([new, old], datetime.date(2027, 1, 1)) == {
            "income": new
        }
        assert engine.limits_on([new], DAY) == {}


class TestOutcomes:
    def test_a_band_under_the_limit_is_met(self):
        facts = one_person(income=Between(0, 5000))
        assert outcome(INCOME_RULE, facts) == Outcome.MET

    def test_a_band_over_the_limit_is_not_met(self):
        facts = one_person(income=Between(9000.01, 10500))
        assert outcome(INCOME_RULE, facts) == Outcome.NOT_MET

    def test_a_band_across_the_limit_depends(self):
        facts = one_person(income=Between(5000.01, 9000))
        assert outcome(INCOME_RULE, facts) == Outcome.DEPENDS

    def test_the_limit_itself_is_under_it(self):
        assert outcome(INCOME_RULE, one_person(income=Known(7000))) == Outcome.MET
        assert (
            outcome(INCOME_RULE, one_person(income=Known(7000.01))) == Outcome.NOT_MET
        )

    def test_an_unanswered_question_depends(self):
        assert outcome(INCOME_RULE, one_person()) == Outcome.DEPENDS

    def test_an_unknown_household_depends_when_the_limit_would_change(self):
        facts = {"income": Known(9000)}
        assert outcome(INCOME_RULE, facts) == Outcome.DEPENDS

    def test_an_answer_that_settles_it_whatever_the_rest_decides(self):
        rule = engine.Rule(
            "residence",
            (
                engine.Condition(
                    "legal",
                    {
                        "or": [
                            {"==": [{"var": "residence.status"}, "greek"]},
                            {">=": [{"var": "residence.years"}, 5]},
                        ]
                    },
                ),
            ),
        )
        greek = {"residence.status": Known("greek")}
        assert outcome(rule, greek) == Outcome.MET  # years not asked: no matter
        newcomer = {"residence.status": Known("permit"), "residence.years": UNKNOWN}
        assert outcome(rule, newcomer) == Outcome.DEPENDS
        settled = {
            "residence.status": Known("permit"),
            "residence.years": Between(5, 11),
        }
        assert outcome(rule, settled) == Outcome.MET

    def test_a_condition_between_two_numbers_is_not_fooled_by_a_wide_band(self):
        rule = engine.Rule(
            "middle-aged",
            (
                engine.Condition(
                    "age",
                    {
                        "and": [
                            {">=": [{"var": "person.age"}, 60]},
                            {"<=": [{"var": "person.age"}, 67]},
                        ]
                    },
                ),
            ),
        )
        assert outcome(rule, {"person.age": Between(50, 80)}) == Outcome.DEPENDS
        assert outcome(rule, {"person.age": Known(70)}) == Outcome.NOT_MET

    def test_a_limit_not_yet_in_force_depends(self):
        future = engine.Rule(
            "new",
            INCOME_RULE.conditions,
            (engine.Limit("income", datetime.date(2030, 1, 1), Decimal(5000)),),
        )
        assert outcome(future, one_person(income=Known(1))) == Outcome.DEPENDS

    def test_a_failing_expression_depends_instead_of_raising(self):
        rule = engine.Rule(
            "broken",
            (
                engine.Condition(
                    "divide",
                    {"<": [{"/": [1, {"var": "household.children"}]}, 2]},
                ),
            ),
        )
        assert outcome(rule, {"household.children": Known(0)}) == Outcome.DEPENDS

    def test_results_are_listed_most_certain_first(self):
        rules = [
            engine.Rule("no", (engine.Condition("c", {"==": [1, 2]}),)),
            engine.Rule("maybe", (engine.Condition("c", {"var": "disability.any"}),)),
            engine.Rule("yes", (engine.Condition("c", {"==": [1, 1]}),)),
        ]
        results = engine.check(rules, {}, VARIABLES_HERE, DAY)
        assert [result.key for result in results] == ["yes", "maybe", "no"]


# Property tests -------------------------------------------------------------


def fact_for(variable):
    """Any fact a variable can have: unknown, known, or a band."""
    if variable.kind == engine.Kind.FLAG:
        return st.one_of(st.just(UNKNOWN), st.booleans().map(Known))
    if variable.kind == engine.Kind.CHOICE:
        return st.one_of(st.just(UNKNOWN), st.sampled_from(variable.choices).map(Known))
    integers = st.integers(int(variable.low), int(variable.high))
    return st.one_of(
        st.just(UNKNOWN),
        integers.map(Known),
        st.tuples(integers, integers).map(lambda pair: Between(*sorted(pair))),
    )


ASKED = [name for name in VARIABLES_HERE if name not in engine.DERIVED]
facts_strategy = st.fixed_dictionaries(
    {},
    optional={name: fact_for(VARIABLES_HERE[name]) for name in ASKED},
)
days = st.dates(datetime.date(2015, 1, 1), datetime.date(2035, 12, 31))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=facts_strategy, day=days)
def test_no_answers_crash_the_demo_rules(facts, day):
    results = engine.check(demo_rules(), facts, VARIABLES_HERE, day)
    assert len(results) == len(DEMO["rules"])
    assert all(result.outcome in Outcome for result in results)


def refine(draw, facts):
    """The same answers made exact: each unknown or band replaced by one of
    its possible values."""
    exact = {}
    for name in ASKED:
        variable = VARIABLES_HERE[name]
        fact = facts.get(name, UNKNOWN)
        if isinstance(fact, Known):
            exact[name] = fact
        elif isinstance(fact, Between):
            exact[name] = Known(draw(st.integers(int(fact.low), int(fact.high))))
        elif variable.kind == engine.Kind.FLAG:
            exact[name] = Known(draw(st.booleans()))
        elif variable.kind == engine.Kind.CHOICE:
            exact[name] = Known(draw(st.sampled_from(variable.choices)))
        else:
            exact[name] = Known(
                draw(st.integers(int(variable.low), int(min(variable.high, 10**6))))
            )
    return exact


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=facts_strategy, data=st.data())
def test_a_certain_result_stays_when_the_answers_are_made_exact(facts, data):
    """Sound: whatever the person's exact situation within their answers, a
    programme the check called met (or not met) is met (or not met)."""
    exact = refine(data.draw, facts)
    rules = demo_rules()
    before = {r.key: r.outcome for r in engine.check(rules, facts, VARIABLES_HERE, DAY)}
    after = {r.key: r.outcome for r in engine.check(rules, exact, VARIABLES_HERE, DAY)}
    for key, result in before.items():
        if result != Outcome.DEPENDS:
            assert after[key] == result, key


@settings(max_examples=200, deadline=None)
@given(facts=facts_strategy)
def test_exact_answers_never_depend(facts):
    exact = {name: fact for name, fact in facts.items() if isinstance(fact, Known)}
    if len(exact) < len(ASKED):
        return
    for result in engine.check(demo_rules(), exact, VARIABLES_HERE, DAY):
        assert result.outcome != Outcome.DEPENDS


def test_every_demo_rule_reads_only_known_names():
    for entry in DEMO["rules"]:
        limit_names = {limit["name"] for limit in entry["limits"]}
        for condition in entry["conditions"]:
            for name in engine.variables_read(condition["expression"]):
                if name.startswith(engine.LIMIT_PREFIX):
                    assert name[len(engine.LIMIT_PREFIX) :] in limit_names
                else:
                    assert name in VARIABLES, name


@pytest.mark.parametrize(
    "expression,names",
    [
        ({"var": "income"}, {"income"}),
        ({"and": [{"var": ["a"]}, {"<": [{"var": "b.c"}, 3]}]}, {"a", "b.c"}),
        ({"==": [1, 1]}, set()),
    ],
)
def test_variables_read(expression, names):
    assert engine.variables_read(expression) == names
