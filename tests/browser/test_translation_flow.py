"""Issue 18 in a browser: an Editor translates a Greek service into English
with wagtail-localize's own editor, saves a draft and submits it to the
Moderators; nothing is public until a Moderator approves it from the
dashboard, and the published page then holds no Greek text the Editor could
have translated (linked records not yet in English are shown in Greek,
marked ``lang="el"``)."""

import re

import pytest
from django.core.exceptions import ObjectDoesNotExist
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from directory.models import ServicePage
from tests.browser.staff import new_page, sign_in

DESKTOP = {"width": 1366, "height": 900}
ENGLISH_TITLE = "Social support for households"
GREEK_LETTERS = re.compile("[\u0370-\u03ff\u1f00-\u1fff]+")
# The text of <main> without what is marked as Greek, nor scripts or styles.
TEXT_NOT_MARKED_GREEK = """() => {
    const main = document.querySelector("main").cloneNode(true);
    main.querySelectorAll('[lang="el"], [lang^="el-"], script, style, template')
        .forEach((element) => element.remove());
    return main.textContent;
}"""


@pytest.fixture
def greek_service(live_demo_site):
    """The first live Greek service the demo has not translated into English.
    What sending it for translation makes in English (the page, and the
    copies of the records it links to) is deleted after the test, as the live
    server's tests share one committed database."""
    english = Locale.objects.get(language_code="en")
    service = next(
        (
            page
            for page in ServicePage.objects.live().filter(locale__language_code="el")
            if not page.get_translations().filter(locale=english).exists()
        ),
        None,
    )
    if service is None:
        pytest.fail("every demo service is in English")
    before = set(Translation.objects.values_list("pk", flat=True))
    yield service
    made = Translation.objects.exclude(pk__in=before).filter(target_locale=english)
    targets = []
    for translation in made:
        try:
            targets.append(translation.get_target_instance())
        except ObjectDoesNotExist:
            pass
    made.delete()
    # The page first: its places' rows hold on to the copied places.
    for target in sorted(targets, key=lambda target: not isinstance(target, Page)):
        (target.specific if isinstance(target, Page) else target).delete()


def in_english(source):
    """What the Editor types for a Greek string: its Greek words in English,
    keeping the inline tags (links, bold) and numbers it holds."""
    return GREEK_LETTERS.sub("word", source)


def translate_every_string(tab):
    """Types an English translation for each string the editor offers, tab
    by tab, pressing each string's "Translate" and Enter to save it.

    The editor re-renders its list while a save is under way, and now and
    then drops a keystroke on a busy machine: a string is done when it is no
    longer "incomplete", however the list moves meanwhile, and one that is
    not is simply tried again (a bounded number of times)."""
    tabs = tab.locator("[role=tab]")
    for index in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(index).click()
        untranslated = tab.locator("li.incomplete:visible")
        attempts = 3 * untranslated.count()
        while untranslated.count() and attempts:
            attempts -= 1
            segment = untranslated.first
            source = segment.locator(":scope > p").first
            text = source.inner_text()
            is_title = "title" in (source.get_attribute("class") or "").split()
            same = tab.locator("li.incomplete:visible", has=tab.get_by_text(text))
            before = same.count()
            segment.locator(":scope > ul button").last.click()
            field = segment.locator("textarea")
            field.fill(ENGLISH_TITLE if is_title else in_english(text))
            field.press("Enter")
            for _wait in range(100):
                if same.count() < before:
                    break
                tab.wait_for_timeout(200)
    expect(tab.locator("li.incomplete")).to_have_count(0)
    expect(tab.locator("li.errored")).to_have_count(0)


def english_url(service):
    english = Locale.objects.get(language_code="en")
    return service.get_translation(english).get_url()


def test_an_editor_translates_a_service_and_a_moderator_publishes_it(
    page, browser, live_server, greek_service, staff_user
):
    editor = new_page(browser, live_server, DESKTOP)
    sign_in(editor, staff_user("eleni-translator", "Editors"))
    editor.goto(f"/admin/pages/{greek_service.pk}/edit/")
    translate_link = editor.locator(
        f'a[href$="/localize/submit/page/{greek_service.pk}/"]'
    ).first
    if not translate_link.is_visible():
        editor.locator("header [data-w-dropdown-target=toggle]").last.click()
    translate_link.click()
    english = Locale.objects.get(language_code="en")
    editor.check(f'input[name="locales"][value="{english.pk}"]')
    with editor.expect_navigation():
        editor.locator("form [type=submit]").last.click()
    editor.wait_for_selector("#main li")

    translate_every_string(editor)
    workflow_form = editor.locator("form[data-translation-workflow]")
    with editor.expect_navigation():
        workflow_form.locator('button[value="save-draft"]').click()
    expect(editor.locator(".messages .success, .messages li")).to_have_count(1)
    with editor.expect_navigation():
        editor.locator('form[data-translation-workflow] button[value="submit"]').click()

    url = english_url(greek_service)
    visitor = new_page(browser, live_server, DESKTOP)
    assert visitor.goto(url).status == 404, url
    listing = visitor.goto("/en/programmata-ypiresies/")
    assert listing.status == 200
    assert visitor.locator(f'main a[href="{url}"]').count() == 0
    assert ENGLISH_TITLE not in visitor.inner_text("main")
    # The search page repeats the query; no result is the English page.
    visitor.goto(f"/en/anazitisi/?q={ENGLISH_TITLE}")
    assert visitor.locator(f'main a[href="{url}"]').count() == 0
    assert visitor.locator("main a", has_text=ENGLISH_TITLE).count() == 0

    moderator = new_page(browser, live_server, DESKTOP)
    sign_in(moderator, staff_user("nikos-moderator", "Moderators"))
    moderator.goto("/admin/")
    awaiting = moderator.locator("#awaiting-review-section tr", has_text=ENGLISH_TITLE)
    awaiting.locator("[data-w-dropdown-target=toggle]").click()
    # "Approve" without a comment: the dropdown's one action that opens no
    # dialog and approves at once.
    english_page = greek_service.get_translation(english)
    approve = moderator.locator(
        f"button[data-workflow-action-url*='/action/{english_page.pk}/approve/']"
        ":not([data-launch-modal])"
    )
    with moderator.expect_navigation():
        approve.click()
    expect(awaiting).to_have_count(0)

    url = english_url(greek_service)
    visitor.goto("/en/programmata-ypiresies/")
    assert visitor.locator(f'main a[href="{url}"]').count() >= 1
    response = visitor.goto(url)
    assert response.status == 200, url
    expect(visitor.locator("h1")).to_contain_text(ENGLISH_TITLE)
    # Linked records not translated yet are shown in Greek, marked lang="el";
    # any other Greek is text the Editor could not translate.
    unmarked = visitor.evaluate(TEXT_NOT_MARKED_GREEK)
    greek = [
        line.strip() for line in unmarked.splitlines() if GREEK_LETTERS.search(line)
    ]
    assert greek == [], f"{url}: Greek not marked lang=el: {greek}"
