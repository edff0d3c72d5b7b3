"""People answer the check in a real browser on a phone, in Greek, English and
Arabic, with the keyboard only: each question and its button fit the first
screen, every page is WCAG 2.1 A/AA clean, and the results list the
programmes the rules give, each with a reason."""

import pytest

from eligibility.models import EligibilityCheckPage, EligibilityRule
from tests.browser.conftest import assert_accessible, tab_to
from tests.eligibility.households import HOUSEHOLDS

PHONE = {"width": 360, "height": 740}
NARROWEST = {"width": 320, "height": 640}
HEADINGS = {
    "el": ("Είναι πιθανό να τα δικαιούστε", "Μπορεί να τα δικαιούστε"),
    "en": ("You are likely to qualify", "You may qualify"),
    "ar": ("من المرجّح أن يحق لك", "قد يحق لك"),
}
ASKED = ["single unemployed renter", "couple with three children"]
ASKED += ["older person alone with a disability pension", "asylum seeker"]


def titles(language):
    """Service slug -> the programme's title in that language."""
    by_key = {
        rule.translation_key: rule.service.slug
        for rule in EligibilityRule.objects.filter(locale__language_code="el")
    }
    return {
        by_key[rule.translation_key]: rule.title
        for rule in EligibilityRule.objects.filter(locale__language_code=language)
    }


def answer(page, slug, values):
    """Answer one question with the keyboard: Tab to each field, then Space on
    a choice or type a number; Enter on Continue."""
    for name, value in values.items():
        if isinstance(value, list):
            for item in value:
                tab_to(page, f'input[name="{name}"][value="{item}"]')
                page.keyboard.press("Space")
        elif page.locator(f'input[name="{name}"][type="radio"]').count():
            # Radios: Tab reaches the group, arrows would move; click by label
            # is what a keyboard user does with Space on the focused option.
            page.locator(f'input[name="{name}"][value="{value}"]').focus()
            page.keyboard.press("Space")
        else:
            tab_to(page, f'input[name="{name}"]')
            page.keyboard.type(value)
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_question_fits(page):
    button = page.locator("main button[type=submit]").bounding_box()
    title = page.locator("h1").bounding_box()
    assert title["y"] >= 0
    assert button["y"] + button["height"] <= PHONE["height"], page.url


@pytest.mark.parametrize("language", ["el", "en", "ar"])
@pytest.mark.parametrize("name", ASKED)
def test_households_see_their_programmes_with_reasons(
    page, live_demo_site, language, name
):
    household = HOUSEHOLDS[name]
    prefix = "" if language == "el" else f"/{language}"
    check = EligibilityCheckPage.objects.get(locale__language_code=language)
    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    page.goto(f"{prefix}/")
    with page.expect_navigation():
        page.locator(f'main a[href="{check.url}"]').click()
    assert_accessible(page)
    tab_to(page, "main a.button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Every question page is checked with axe once per language (the first
    # household answers them all); the others check the first and the last.
    thorough = name == ASKED[0]
    first = True
    while "/erotisi/" in page.url:
        slug = page.url.split("/erotisi/")[1].split("/")[0]
        assert_question_fits(page)
        if first or thorough:
            assert_accessible(page, page.url)
        first = False
        answer(page, slug, household["answers"][slug])
    assert "/oi-apantiseis-sas/" in page.url
    if thorough:
        assert_accessible(page, page.url)
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/apotelesmata/" in page.url
    assert_accessible(page, page.url)

    names = titles(language)
    likely = page.locator("article.finding--met")
    shown = {likely.nth(i).locator("h3").inner_text() for i in range(likely.count())}
    assert shown == {names[slug] for slug in household["likely"]}
    for i in range(likely.count()):
        reasons = likely.nth(i).locator(".reason--met")
        assert reasons.count() >= 1
        assert reasons.first.inner_text().strip()
    main = page.locator("main").inner_text()
    assert HEADINGS[language][0] in main
    for slug in household["unlikely"]:
        assert names[slug] not in {
            likely.nth(i).locator("h3").inner_text() for i in range(likely.count())
        }


@pytest.mark.parametrize("language", ["el", "ar"])
def test_errors_are_announced_and_link_to_the_field(page, live_demo_site, language):
    prefix = "" if language == "el" else f"/{language}"
    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    page.goto(f"{prefix}/ti-dikaioumai/erotisi/dimos/")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    page.locator('.error-summary a[href="#id_answer_0"]').click()
    assert page.evaluate("document.activeElement.id") == "id_answer_0"


def test_the_results_and_summary_reflow_on_the_narrowest_phone(page, live_demo_site):
    page.set_viewport_size(NARROWEST)
    page.context.clear_cookies()
    answers = HOUSEHOLDS["family that does not know its savings"]["answers"]
    page.goto("/ar/ti-dikaioumai/")
    with page.expect_navigation():
        page.locator("main a.button").click()
    while "/erotisi/" in page.url:
        slug = page.url.split("/erotisi/")[1].split("/")[0]
        for name, value in answers[slug].items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                radio = page.locator(f'input[name="{name}"][value="{item}"]')
                if radio.count():
                    radio.check()
                else:
                    page.fill(f'input[name="{name}"]', item)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    for url in (page.url, page.url.replace("apotelesmata", "ektyposi")):
        page.goto(url)
        extra = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert extra <= 0, url
        assert_accessible(page, url)
    page.goto(page.url.replace("ektyposi", "apotelesmata"))
    assert page.locator("article.finding--depends").count() == 2
