from tests.browser.conftest import assert_accessible, axe_violations


def test_suggestions_are_chosen_with_the_keyboard(page, live_demo_site):
    page.goto("/")
    box = page.locator("#home-search")
    box.focus()
    page.keyboard.type("παντοπ", delay=50)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert "προτάσεις" in page.locator("[role=status]").inner_text()
    assert axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    option = page.locator(f"#{active}")
    assert option.get_attribute("aria-selected") == "true"
    assert "Κοινωνικό Παντοπωλείο" in option.inner_text()

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    listbox.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/koinoniko-pantopoleio/")
    assert page.csp_violations == []


def test_site_search_marks_the_words_found_and_offers_a_spelling(page, live_demo_site):
    page.goto("/anazitisi/?q=επιδομα+θερμασνης")
    assert page.locator(".search-result").count() > 0
    assert page.locator(".did-you-mean a").inner_text().lower().startswith("επιδομα")
    assert axe_violations(page) == []
    page.locator(".did-you-mean a").click()
    page.wait_for_url("**q=**")
    assert page.locator(".search-result mark").count() > 0
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_greek_results_on_the_arabic_and_english_search_are_accessible(
    page, live_demo_site
):
    """Greek results on /ar/ and /en/ (#18): marked as Greek, readable left to
    right inside a right-to-left page, and followed to the Greek page."""
    for url in ("/ar/anazitisi/?q=كهرباء", "/en/anazitisi/?q=electricity"):
        page.goto(url)
        assert_accessible(page, url)
    link = page.locator('.search-result__title a[lang="el"]').first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith(title)
    assert page.locator('.language-note[lang="en"]').count() == 1
