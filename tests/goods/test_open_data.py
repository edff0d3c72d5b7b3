"""The needs list as JSON (checked against the schema published beside it)
and as RSS, both readable from any site."""

import json
import xml.etree.ElementTree as ET  # our own feed, not untrusted input

import jsonschema
import pytest

from goods.models import NeedItem, Urgency
from tests.goods.conftest import page_url

pytestmark = pytest.mark.django_db


def validator_for(client, base):
    schema = json.loads(client.get(base + "json/schema/").content)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_json_validates_against_its_published_schema(client, demo_needs_page, language):
    base = page_url(demo_needs_page, language)
    response = client.get(base + "json/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    validator_for(client, base).validate(document)
    assert document["language"] == language
    names = {item["name"] for item in document["items"]}
    expected = {"el": "Γάλα εβαπορέ", "en": "Evaporated milk", "ar": "حليب مبخّر"}
    assert expected[language] in names
    assert len(document["drop_off_points"]) == 2


def test_json_of_an_empty_list_still_validates(client, demo_needs_page):
    NeedItem.objects.all().delete()
    base = demo_needs_page.url
    document = client.get(base + "json/").json()
    validator_for(client, base).validate(document)
    assert document["items"] == [] and document["updated_at"] is None


def test_schema_refuses_a_document_of_another_shape(client, demo_needs_page):
    base = demo_needs_page.url
    document = client.get(base + "json/").json()
    document["items"][0]["urgency"] = "very"
    with pytest.raises(jsonschema.ValidationError):
        validator_for(client, base).validate(document)


def test_schema_is_open_to_all(client, demo_needs_page):
    response = client.get(demo_needs_page.url + "json/schema/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/schema+json"


def test_feed_lists_what_is_still_wanted(client, demo_needs_page):
    response = client.get(page_url(demo_needs_page, "en") + "feed/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert "Evaporated milk: Urgent" in titles
    assert not any(title.startswith("Flour") for title in titles)  # enough


def test_item_changed_appears_as_a_new_feed_entry(client, demo_needs_page):
    def guids():
        feed = client.get(demo_needs_page.url + "feed/").content
        root = ET.fromstring(feed)  # noqa: S314
        return {item.findtext("guid") for item in root.iter("item")}

    before = guids()
    item = NeedItem.objects.get(locale__language_code="el", name="Σαμπουάν")
    item.urgency = Urgency.URGENT
    item.save()
    assert guids() - before


def test_page_links_its_open_data(client, demo_needs_page):
    html = client.get(demo_needs_page.url).content.decode()
    assert f'href="{demo_needs_page.url}json/"' in html
    assert 'type="application/rss+xml"' in html
