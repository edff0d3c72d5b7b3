"""The table of households: each sees the programmes it should, and only
those, through the real pages."""

import html

import pytest

from tests.eligibility.conftest import outcomes, results_of
from tests.eligibility.households import HOUSEHOLDS


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
def test_each_household_sees_the_programmes_it_should(
    client, check_page, rules_by_service, name
):
    household = HOUSEHOLDS[name]
    response = results_of(client, check_page.url, household["answers"])
    found = outcomes(response, rules_by_service)
    assert {slug for slug, o in found.items() if o == "met"} == household["likely"]
    assert {slug for slug, o in found.items() if o == "depends"} == household[
        "possible"
    ]
    assert {slug for slug, o in found.items() if o == "not_met"} == household[
        "unlikely"
    ]


def test_a_reason_is_given_with_each_programme_in_the_words_of_the_rule(
    client, check_page
):
    renter = HOUSEHOLDS["single unemployed renter"]["answers"]
    page = results_of(client, check_page.url, renter).content.decode()
    assert (
        "Το εισόδημα του νοικοκυριού σας είναι κάτω από το όριο των 7.000 € "
        "τον χρόνο για 1 άτομο." in page
    )
    assert "Νοικιάζετε το σπίτι όπου μένετε." in page


def test_the_limit_quoted_is_the_one_for_the_household(client, check_page):
    family = HOUSEHOLDS["couple with three children"]["answers"]
    page = results_of(client, check_page.url, family).content.decode()
    # Heating allowance: 16,000 + 8,000 for the second adult + 3 × 5,000.
    assert "39.000 € τον χρόνο για 5 άτομα" in page


def test_an_asylum_seeker_is_told_why_the_national_benefits_are_not_listed(
    client, check_page
):
    answers = HOUSEHOLDS["asylum seeker"]["answers"]
    page = results_of(client, check_page.url, answers).content.decode()
    assert "Χρειάζεται νόμιμη και μόνιμη διαμονή στην Ελλάδα" in page


@pytest.mark.parametrize(
    "prefix,sentence",
    [
        (
            "/en",
            "Your household's income is under the limit of 7,000 € a year "
            "for 1 person.",
        ),
        ("/ar", "دخل أسرتك أقل من الحد البالغ"),
    ],
)
def test_results_in_english_and_arabic(client, check_page, prefix, sentence):
    renter = HOUSEHOLDS["single unemployed renter"]["answers"]
    page = results_of(client, f"{prefix}/ti-dikaioumai/", renter).content.decode()
    assert sentence in html.unescape(page)
