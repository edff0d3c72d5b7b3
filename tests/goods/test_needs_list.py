"""The needs list's rules, called directly, and where editors see it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from goods.factories import NeedItemFactory
from goods.models import GoodsCategory, NeedItem, Urgency
from goods.models.needs import needs_list
from tests.goods.conftest import login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_list(locales):
    """A list of three items of our own instead of the demo's."""
    NeedItem.objects.all().delete()
    oil = NeedItemFactory(name="Λάδι", urgency=Urgency.NEEDED, quantity_needed=40)
    nappies = NeedItemFactory(
        name="Πάνες No 4", category=GoodsCategory.BABY, urgency=Urgency.URGENT
    )
    milk = NeedItemFactory(name="Γάλα", urgency=Urgency.URGENT)
    english = milk.copy_for_translation(locales["en"])
    english.name = "Milk"
    english.urgency = Urgency.ENOUGH  # a stale translation: the Greek counts
    english.save()
    return {"oil": oil, "nappies": nappies, "milk": milk}


def test_list_groups_by_category_then_urgency(own_list):
    found = needs_list("el")
    assert [
        (category, [u for u, _l, _i in rows]) for category, _l, rows in found.groups
    ] == [("food", ["urgent", "needed"]), ("baby", ["urgent"])]
    assert [item.name for item in found.urgent()] == ["Γάλα", "Πάνες No 4"]


def test_translation_gives_the_name_and_the_greek_item_the_urgency(own_list):
    found = needs_list("en", urgency=Urgency.URGENT)
    assert [item.name for item in found.items] == ["Milk", "Πάνες No 4"]


def test_list_is_stale_after_fourteen_days(own_list):
    found = needs_list("el")
    assert found.updated_at is not None
    assert not found.is_stale(found.updated_at + datetime.timedelta(days=14))
    assert found.is_stale(found.updated_at + datetime.timedelta(days=14, minutes=1))


def test_empty_list_is_never_stale(locales):
    NeedItem.objects.all().delete()
    assert not needs_list("el").is_stale()


def test_home_page_shows_urgent_items_with_a_link(client, demo_needs_page):
    html = client.get("/").content.decode()
    assert "Χρειαζόμαστε επειγόντως" in html
    assert "Γάλα εβαπορέ" in html
    assert f'href="{demo_needs_page.url}"' in html
    assert "Αλεύρι" not in html  # enough for now


def test_home_page_says_nothing_when_nothing_is_urgent(client, demo_needs_page):
    NeedItem.objects.filter(urgency=Urgency.URGENT).update(urgency=Urgency.NEEDED)
    assert "Χρειαζόμαστε επειγόντως" not in client.get("/").content.decode()


def test_item_marked_urgent_reaches_the_cached_home_page_at_once(
    client, demo_needs_page
):
    assert "Σαμπουάν" not in client.get("/en/").content.decode()
    item = NeedItem.objects.get(locale__language_code="el", name="Σαμπουάν")
    item.urgency = Urgency.URGENT
    item.save()
    for prefix, name in (("/", "Σαμπουάν"), ("/en/", "Shampoo"), ("/ar/", "شامبو")):
        assert name in client.get(prefix).content.decode()


def test_editor_is_reminded_once_the_list_is_two_weeks_old(
    client, demo_needs_page, age_list
):
    login_as(client, "Editors")
    age_list(13)
    assert (
        "stale-needs-heading"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    age_list(15)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ο κατάλογος αναγκών μπορεί να μην είναι ενημερωμένος" in html
    assert reverse(NeedItem.snippet_viewset.get_url_name("list")) in html


def test_editor_lists_items_by_urgency_and_changes_one(client, demo_needs_page):
    login_as(client, "Editors")
    viewset = NeedItem.snippet_viewset
    html = client.get(
        reverse(viewset.get_url_name("list")), {"urgency": "urgent", "locale": "el"}
    ).content.decode()
    assert "Γάλα εβαπορέ" in html
    assert "Σαμπουάν" not in html
    item = NeedItem.objects.get(locale__language_code="el", name="Σαμπουάν")
    response = client.post(
        reverse(viewset.get_url_name("edit"), args=[item.pk]),
        {
            "name": "Σαμπουάν",
            "category": "hygiene",
            "urgency": "urgent",
            "quantity_needed": "12",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.urgency, item.quantity_needed) == ("urgent", 12)
    assert timezone.now() - item.updated_at < datetime.timedelta(minutes=1)


def test_caseworker_sees_no_reminder(client, demo_needs_page, age_list):
    login_as(client, "Caseworkers")
    age_list(30)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "stale-needs-heading" not in html
