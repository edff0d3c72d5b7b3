"""Issue 24 in a browser: an editor marks an item of the needs list urgent
and the home page and the needs page say so in el, en and ar; a donor
pledges on a phone, the goods coordinators find the pledge in the admin
and the donor's confirmation is in the outbox; the open-data JSON
validates against the schema published beside it; bad pledges come back
with errors and store nothing."""

import datetime
import json

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from directory import calendar
from goods.models import NeedItem, NeedsPage, Pledge, Urgency
from goods.models.needs import set_urgency
from tests.browser.conftest import assert_accessible
from tests.browser.staff import new_page, sign_in, wait_for_mail
from tests.staff import login_staff

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
# The item the editor marks urgent; the demo has it as "needed" (goods.demo).
SHAMPOO = {"el": "Σαμπουάν", "en": "Shampoo", "ar": "شامبو"}
PREFIXES = {"el": "", "en": "/en", "ar": "/ar"}


def needs_url(language):
    return NeedsPage.objects.get(locale__language_code=language).url


@pytest.fixture
def forget_new_pledges(live_demo_site):
    """The pledges a test sends are deleted after it: tests/goods count
    pledges from none."""
    newest = Pledge.objects.order_by("-pk").values_list("pk", flat=True).first()
    yield
    Pledge.objects.filter(pk__gt=newest or 0).delete()


def open_day(location, wanted=True):
    """The first day after today on which the drop-off point is open (or,
    with ``wanted=False``, closed), from the one calendar."""
    day = calendar.today() + datetime.timedelta(days=1)
    while wanted != bool(calendar.hours_on(location, day)):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def shampoo_back_to_needed(live_demo_site):
    """Other browser tests expect the demo's list: the shampoo is "needed"
    again afterwards, whatever happened."""
    item = NeedItem.objects.get(locale__language_code="el", name=SHAMPOO["el"])
    assert item.urgency == Urgency.NEEDED
    yield item
    item.refresh_from_db()
    item.urgency = Urgency.NEEDED
    item.save()


@pytest.fixture
def urgencies_restored(live_demo_site):
    """Every item's urgency as the demo has it again after the test."""
    before = dict(
        NeedItem.objects.filter(locale__language_code="el").values_list("pk", "urgency")
    )
    yield
    for item in NeedItem.objects.filter(pk__in=before):
        if item.urgency != before[item.pk]:
            set_urgency([item], before[item.pk])


def test_editor_sets_the_urgency_of_two_items_in_one_step(
    page, live_demo_site, staff_user, urgencies_restored
):
    shampoo = NeedItem.objects.get(locale__language_code="el", name="Σαμπουάν")
    toothpaste = NeedItem.objects.get(
        locale__language_code="el", name="Οδοντόκρεμες και οδοντόβουρτσες"
    )
    page.set_viewport_size(DESKTOP)
    sign_in(page, staff_user("editor-goods-bulk", "Editors"))
    page.goto(reverse(NeedItem.snippet_viewset.get_url_name("list")) + "?locale=el")
    for item in (shampoo, toothpaste):
        page.locator(
            f"input[data-bulk-action-checkbox][data-object-id='{item.pk}']"
        ).check()
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Ορισμός του πόσο επείγουν τα επιλεγμένα είδη"
        ).click()
    assert_accessible(page, "confirmation")
    page.locator("input[name=urgency][value=enough]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Ορισμός επείγοντος").click()
    assert "2 είδη σημειώθηκαν" in page.locator(".messages").inner_text()
    assert page.csp_violations == []

    for item in (shampoo, toothpaste):
        item.refresh_from_db()
        assert item.urgency == Urgency.ENOUGH
    page.goto(needs_url("ar"))
    enough = " ".join(page.locator(".needs__items--enough").all_inner_texts())
    assert SHAMPOO["ar"] in enough


def test_editor_marks_an_item_urgent_and_every_language_shows_it(
    page, live_demo_site, shampoo_back_to_needed, staff_user
):
    for language, prefix in PREFIXES.items():
        page.goto(f"{prefix}/")
        assert SHAMPOO[language] not in page.locator("main").inner_text(), language

    page.set_viewport_size(DESKTOP)
    sign_in(page, staff_user("editor-goods", "Editors"))
    page.get_by_role("link", name="Κατάλογος αναγκών").first.click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=SHAMPOO["el"], exact=True).first.click()
    page.wait_for_selector("#id_urgency")
    page.select_option("#id_urgency", "urgent")
    with page.expect_navigation():
        page.get_by_role("button", name="Αποθήκευση", exact=True).click()
    assert page.locator(".messages .success").count() == 1, page.content()
    shampoo_back_to_needed.refresh_from_db()
    assert shampoo_back_to_needed.urgency == Urgency.URGENT

    for language, prefix in PREFIXES.items():
        page.goto(f"{prefix}/")
        urgent = page.locator("#urgent-needs-heading + ul").inner_text()
        assert SHAMPOO[language] in urgent, language
        page.goto(needs_url(language))
        urgent = page.locator(".needs__items--urgent").all_inner_texts()
        assert any(SHAMPOO[language] in text for text in urgent), language


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_needs_page_has_no_wcag_violations(page, live_demo_site, language):
    page.goto(needs_url(language))
    assert_accessible(page, language)
    # Nothing scrolls sideways on a phone.
    page.set_viewport_size(PHONE)
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_donor_pledges_on_a_phone_and_the_coordinators_see_it(
    browser, page, live_demo_site, quick_forms, staff_user, forget_new_pledges
):
    english = NeedsPage.objects.get(locale__language_code="en")
    point = english.drop_off_points.order_by("sort_order").first()
    day = open_day(point.location)
    page.set_viewport_size(PHONE)
    page.goto(english.url)
    page.locator("#pledge").scroll_into_view_if_needed()

    page.locator("input[name=category][value=food]").check()
    page.fill("#id_what", "Lentils and olive oil")
    page.fill("#id_amount", "two bags")
    page.locator(f"input[name=drop_off_location][value='{point.location_id}']").check()
    page.fill("#id_bring_on", day.isoformat())
    page.fill("#id_name", "Nikos Donor")
    page.fill("#id_phone", "6912345678")
    page.fill("#id_email", "nikos.donor@example.org")
    page.locator("#id_privacy_consent").check()
    page.locator("form.pledge-form button[type=submit]").click()

    page.wait_for_url("**/efcharistoume/")
    assert_accessible(page, "thank you")
    assert "Thank you for your pledge" in page.locator("h1").inner_text()
    pledge = Pledge.objects.get(email="nikos.donor@example.org")
    assert (pledge.what, pledge.bring_on, pledge.language) == (
        "Lentils and olive oil",
        day,
        "en",
    )
    (confirmation, *_) = wait_for_mail(lambda message: message.to == [pledge.email])
    assert confirmation.subject == "Thank you: your donation pledge"
    assert "Lentils and olive oil (two bags)" in confirmation.body

    coordinator = new_page(browser, live_demo_site, DESKTOP)
    try:
        # Goods coordinators read donors' contact details: a second factor,
        # given here as after the code page (tests.staff).
        user = staff_user("coordinator-goods", "Goods coordinators")
        client = Client()
        login_staff(client, user)
        coordinator.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_demo_site.url,
                }
            ]
        )
        coordinator.goto(reverse("goods_pledges:index"))
        rows = coordinator.locator("table.listing tbody tr")
        mine = rows.filter(has_text="Lentils and olive oil")
        assert mine.count() == 1
        assert "two bags" in mine.inner_text()
        assert_accessible(coordinator, "pledges")
    finally:
        coordinator.context.close()


@pytest.mark.parametrize("language", ["el", "ar"])
def test_empty_past_and_closed_day_pledges_come_back_with_errors(
    page, live_demo_site, quick_forms, forget_new_pledges, language
):
    before = Pledge.objects.count()
    needs_page = NeedsPage.objects.get(locale__language_code=language)
    point = needs_page.drop_off_points.order_by("sort_order").first()
    page.set_viewport_size(PHONE)
    page.goto(needs_page.url)

    with page.expect_navigation() as navigation:
        page.locator("form.pledge-form button[type=submit]").click()
    assert navigation.value.status == 200
    page.wait_for_selector(".error-summary")
    assert_accessible(page, "empty pledge")
    assert page.locator("#id_what-error").count() == 1

    page.locator("input[name=category][value=food]").check()
    page.fill("#id_what", "Pasta")
    page.locator(f"input[name=drop_off_location][value='{point.location_id}']").check()
    page.fill("#id_name", "Νίκος")
    page.fill("#id_phone", "6912345678")
    page.locator("#id_privacy_consent").check()
    for day in (
        calendar.today() - datetime.timedelta(days=1),
        open_day(point.location, wanted=False),
    ):
        page.fill("#id_bring_on", day.isoformat())
        with page.expect_navigation() as navigation:
            page.locator("form.pledge-form button[type=submit]").click()
        assert navigation.value.status == 200, day
        page.wait_for_selector(".error-summary")
        assert page.locator("#id_bring_on-error").count() == 1, day
        assert_accessible(page, f"bad day {day}")
    assert Pledge.objects.count() == before


def test_json_feed_validates_against_its_published_schema(page, live_demo_site):
    for language in ("el", "en", "ar"):
        base = needs_url(language)
        schema_response = page.request.get(base + "json/schema/")
        document_response = page.request.get(base + "json/")
        assert schema_response.status == document_response.status == 200
        assert document_response.headers["access-control-allow-origin"] == "*"
        schema = json.loads(schema_response.text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        document = document_response.json()
        validator.validate(document)
        assert document["language"] == language
        assert document["items"], language
