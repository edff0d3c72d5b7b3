"""One question a page: the order, back and change, bad input, what is kept
(nothing but the month's counts), the summary, the print and the hand-over
to an appointment request."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eligibility import answers as stored
from eligibility.models import EligibilityRule, MonthlyTally, RuleCondition, RuleLimit
from tests.eligibility.conftest import answer_all, results_of
from tests.eligibility.households import HOUSEHOLDS

RENTER = HOUSEHOLDS["single unemployed renter"]["answers"]


def question_url(page, slug):
    return page.route_url("question", slug)


def test_only_the_questions_some_rule_reads_are_asked(client, check_page):
    _url, asked = answer_all(client, check_page.url, RENTER)
    assert asked == [
        "dimos",
        "noikokyrio",
        "ilikia",
        "anapiria",
        "eisodima",
        "apotamieumata",
        "akinita",
        "katoikia",
        "epidomata",
        "diamoni",
    ]
    # No demo rule reads the work situation, the children's ages or the rent.
    assert client.get(question_url(check_page, "ergasia")).status_code == 404


def test_a_question_is_asked_once_a_rule_reads_it(client, check_page):
    rule = EligibilityRule.objects.get(
        locale__language_code="el", service__slug="epidoma-stegasis"
    )
    RuleCondition.objects.create(
        rule=rule,
        locale=rule.locale,
        expression={"<=": [{"var": "rent"}, 800]},
        reason_met="Το ενοίκιο είναι έως 800 €.",
        reason_depends="Εξαρτάται από το ενοίκιο.",
        reason_not_met="Το ενοίκιο είναι πάνω από 800 €.",
    )
    _url, asked = answer_all(
        client, check_page.url, {**RENTER, "enoikio": {"rent": "350"}}
    )
    assert "enoikio" in asked
    _url, asked = answer_all(
        client, check_page.url, {**RENTER, "katoikia": {"answer": "own"}}
    )
    assert "enoikio" not in asked  # only people who rent are asked the rent


def test_a_follow_up_question_only_when_it_applies(client, check_page):
    older = HOUSEHOLDS["older person alone with a disability pension"]["answers"]
    _url, asked = answer_all(client, check_page.url, older)
    assert "pososto-anapirias" in asked
    _url, asked = answer_all(client, check_page.url, RENTER)
    assert "pososto-anapirias" not in asked


def test_questions_cannot_be_skipped(client, check_page):
    response = client.get(question_url(check_page, "eisodima"))
    assert response.status_code == 302
    assert response["Location"] == question_url(check_page, "dimos")


def test_bad_input_gives_the_question_again_with_an_error_and_stores_nothing(
    client, check_page
):
    url = question_url(check_page, "noikokyrio")
    client.post(question_url(check_page, "dimos"), {"answer": "kalamata"})
    response = client.post(url, {"adults": "0", "children": "many"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_adults"' in page
    assert stored.load(response.wsgi_request) == {"dimos": {"answer": "kalamata"}}
    assert stored.COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    "data",
    [
        {"answer": "nowhere"},
        {"answer": ["eee", "none"]},
        {},
        {"answer": "x" * 10_000},
    ],
)
def test_nonsense_never_gives_a_server_error(client, check_page, data):
    for slug in ("dimos", "epidomata"):
        assert client.post(question_url(check_page, slug), data).status_code in (
            302,
            400,
        )


def test_a_tampered_cookie_is_ignored(client, check_page):
    client.cookies[stored.COOKIE_NAME] = "not-signed"
    response = client.get(check_page.route_url("results"))
    assert response.status_code == 302
    assert response["Location"] == question_url(check_page, "dimos")


def test_back_goes_to_the_previous_question_and_change_returns_to_the_answers(
    client, check_page
):
    answers_url, _asked = answer_all(client, check_page.url, RENTER)
    page = client.get(question_url(check_page, "eisodima")).content.decode()
    assert f'href="{question_url(check_page, "anapiria")}"' in page
    summary = client.get(answers_url).content.decode()
    change = f"{question_url(check_page, 'eisodima')}?allagi=1"
    assert f'href="{change}"' in summary
    response = client.post(change, {"answer": "b3"})
    assert response["Location"] == answers_url
    assert "5.000–7.000" in client.get(answers_url).content.decode()


def test_a_change_that_opens_a_question_asks_it_before_the_answers(client, check_page):
    answers_url, _asked = answer_all(client, check_page.url, RENTER)
    change = f"{question_url(check_page, 'anapiria')}?allagi=1"
    response = client.post(change, {"answer": "yes"})
    assert response["Location"] == (
        f"{question_url(check_page, 'pososto-anapirias')}?allagi=1"
    )
    response = client.post(response["Location"], {"answer": "67_79"})
    assert response["Location"] == answers_url


def test_nothing_is_stored_but_the_months_counts(client, check_page):
    before = {
        model: model.objects.count()
        for model in (EligibilityRule, RuleCondition, RuleLimit)
    }
    answers_url, _asked = answer_all(client, check_page.url, RENTER)
    assert MonthlyTally.objects.count() == 0
    client.post(answers_url)
    results_url = check_page.route_url("results")
    client.get(results_url)
    client.get(results_url)  # reading the results again counts nothing
    counts = {
        (tally.rule.service.slug if tally.rule else None, tally.outcome): tally.count
        for tally in MonthlyTally.objects.select_related("rule__service")
    }
    assert counts == {
        (None, "checks"): 1,
        ("kea", "met"): 1,
        ("epidoma-stegasis", "met"): 1,
        ("epidoma-thermansis", "met"): 1,
        ("koinoniko-oikiako-timologio", "met"): 1,
        ("koinoniko-pantopoleio", "met"): 1,
    }
    assert all(model.objects.count() == count for model, count in before.items())
    # A second check adds to the same rows.
    client.post(answers_url)
    assert MonthlyTally.objects.get(rule=None).count == 2


def test_one_address_counts_a_limited_number_of_checks(client, check_page, settings):
    settings.KENTRO_ELIGIBILITY_COUNT_LIMIT = 2
    answers_url, _asked = answer_all(client, check_page.url, RENTER)
    for _ in range(5):
        assert client.post(answers_url).status_code == 302
    assert MonthlyTally.objects.get(rule=None).count == 2


def test_start_again_forgets_the_answers(client, check_page):
    answer_all(client, check_page.url, RENTER)
    response = client.post(check_page.route_url("start_again"))
    assert response.cookies[stored.COOKIE_NAME].value == ""
    assert client.get(check_page.route_url("results")).status_code == 302


def test_answers_are_never_cached(client, check_page):
    response = results_of(client, check_page.url, RENTER)
    assert "no-store" in response["Cache-Control"]


def test_the_printable_summary_lists_programmes_documents_and_answers(
    client, check_page
):
    results_of(client, check_page.url, RENTER)
    page = client.get(check_page.route_url("print")).content.decode()
    assert "Επίδομα Στέγασης" in page
    assert "Αριθμός δήλωσης μίσθωσης" in page  # a document to bring
    assert "Καλαμάτα" in page  # an answer


def test_an_appointment_carries_the_programme_and_the_answers_only_if_ticked(
    client, check_page
):
    page = results_of(client, check_page.url, RENTER).content.decode()
    assert 'action="/rantevou/"' in page
    assert 'name="message"' in page and 'type="checkbox"' in page
    message = "Οι απαντήσεις μου: Δήμος Καλαμάτα, 1 ενήλικας"
    response = client.get(
        "/rantevou/", {"service": str(_service_id("epidoma-stegasis"))}
    )
    assert message not in response.content.decode()
    response = client.get(
        "/rantevou/",
        {"service": str(_service_id("epidoma-stegasis")), "message": message},
    )
    assert message in response.content.decode()


def _service_id(slug):
    return EligibilityRule.objects.get(
        locale__language_code="el", service__slug=slug
    ).service_id


@pytest.mark.parametrize("slug", ["dimos", "eisodima"])
def test_queries_per_question_page_are_bounded(client, check_page, slug):
    client.post(question_url(check_page, "dimos"), {"answer": "kalamata"})
    for step in ("noikokyrio", "ilikia", "anapiria"):
        client.post(question_url(check_page, step), RENTER[step])
    url = question_url(check_page, slug)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 12


def test_queries_on_the_results_page_are_bounded(client, check_page):
    results_of(client, check_page.url, RENTER)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(check_page.route_url("results")).status_code == 200
    assert len(queries) <= 12


def test_a_limit_with_a_future_date_applies_from_that_date(
    client, check_page, monkeypatch
):
    from django.utils import timezone

    rule = EligibilityRule.objects.get(
        locale__language_code="el", service__slug="epidoma-stegasis"
    )
    RuleLimit.objects.create(
        rule=rule,
        name="income",
        valid_from=datetime.date(2027, 1, 1),
        base=Decimal(2000),
        per_other_adult=Decimal(1000),
        per_child=Decimal(1000),
    )
    page = results_of(client, check_page.url, RENTER).content.decode()
    assert "όριο των 7.000 €" in page
    new_year = timezone.make_aware(datetime.datetime(2027, 1, 1, 9))
    monkeypatch.setattr(timezone, "now", lambda: new_year)
    page = client.get(check_page.route_url("results")).content.decode()
    # Up to 2,500 € a year was under 7,000 €; against 2,000 € it depends.
    assert "το όριο είναι 2.000 €" in page
    assert "όριο των 7.000 €" not in page
