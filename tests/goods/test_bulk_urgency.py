"""Editing speed (issue 24): an editor ticks items in the needs list's
admin listing and sets their urgency in one step."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from goods.models import NeedItem, Urgency
from goods.models.needs import set_urgency
from tests.goods.conftest import login_as

pytestmark = pytest.mark.django_db


def greek(name):
    return NeedItem.objects.get(locale__language_code="el", name=name)


def action_url(*items, next_url="/admin/snippets/goods/needitem/"):
    query = urlencode([("id", item.pk) for item in items] + [("next", next_url)])
    return (
        reverse("wagtail_bulk_action", args=("goods", "needitem", "set_urgency"))
        + "?"
        + query
    )


def test_listing_offers_the_action(client, demo_needs_page):
    login_as(client, "Editors")
    html = client.get(
        reverse(NeedItem.snippet_viewset.get_url_name("list")), {"locale": "el"}
    ).content.decode()
    assert "/admin/bulk/goods/needitem/set_urgency/" in html
    assert "Ορισμός επείγοντος" in html


def test_confirmation_lists_the_chosen_items_and_the_choices(client, demo_needs_page):
    login_as(client, "Editors")
    shampoo, soap = greek("Σαμπουάν"), greek("Σαπούνια")
    response = client.get(action_url(shampoo, soap))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Σαμπουάν" in html and "Σαπούνια" in html
    assert "Πάνες No 4" not in html
    assert 'name="urgency" value="urgent"' in html


def test_editor_marks_two_items_urgent_in_one_step(client, demo_needs_page, age_list):
    editor = login_as(client, "Editors")
    age_list(20)
    shampoo, soap = greek("Σαμπουάν"), greek("Σαπούνια")
    assert "Shampoo" not in client.get("/en/").content.decode()

    response = client.post(action_url(shampoo, soap), {"urgency": "urgent"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/snippets/goods/needitem/"
    for item in (shampoo, soap):
        item.refresh_from_db()
        assert item.urgency == Urgency.URGENT
        assert timezone.now() - item.updated_at < datetime.timedelta(minutes=1)
        assert ModelLogEntry.objects.filter(
            object_id=str(item.pk), action="wagtail.edit", user=editor
        ).exists()
    # Translations follow, and the cached home page says so at once.
    english = NeedItem.objects.get(
        locale__language_code="en", translation_key=shampoo.translation_key
    )
    assert english.urgency == Urgency.URGENT
    for prefix, names in (("/", ("Σαμπουάν", "Σαπούνια")), ("/en/", ("Shampoo",))):
        html = client.get(prefix).content.decode()
        assert all(name in html for name in names), prefix
    listing = client.get(response["Location"], {"locale": "el"}).content.decode()
    assert "2 είδη σημειώθηκαν «Επείγον»." in listing


def test_ticking_a_translation_changes_the_greek_item(client, demo_needs_page):
    login_as(client, "Editors")
    shampoo = greek("Σαμπουάν")
    arabic = NeedItem.objects.get(
        locale__language_code="ar", translation_key=shampoo.translation_key
    )
    client.post(action_url(arabic), {"urgency": "enough"})
    shampoo.refresh_from_db()
    assert shampoo.urgency == Urgency.ENOUGH


def test_no_choice_or_an_unknown_one_changes_nothing(client, demo_needs_page):
    login_as(client, "Editors")
    shampoo = greek("Σαμπουάν")
    for data in ({}, {"urgency": "tomorrow"}):
        response = client.post(action_url(shampoo), data)
        assert response.status_code == 200, data
        assert 'name="urgency"' in response.content.decode()
        shampoo.refresh_from_db()
        assert shampoo.urgency == Urgency.NEEDED


def test_staff_who_may_not_change_the_list_change_nothing(client, demo_needs_page):
    login_as(client, "Caseworkers")
    shampoo = greek("Σαμπουάν")
    response = client.post(action_url(shampoo), {"urgency": "urgent"})
    assert response.status_code == 302
    shampoo.refresh_from_db()
    assert shampoo.urgency == Urgency.NEEDED


def test_set_urgency_refuses_an_unknown_urgency(demo_needs_page):
    with pytest.raises(ValueError, match="unknown urgency"):
        set_urgency([greek("Σαμπουάν")], "soon")
