"""The needs list as open data: JSON in a documented shape (the schema in
goods/schema/needs.schema.json, served beside it) and an RSS feed, so that
local media and other sites can show it. Both may be read from any site
(``Access-Control-Allow-Origin: *``): they hold nothing personal."""

from functools import cache
from pathlib import Path

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from goods import places
from goods.models.needs import GoodsCategory, Urgency, needs_list

SCHEMA_PATH = Path(__file__).parent / "schema" / "needs.schema.json"


@cache
def schema_text():
    return SCHEMA_PATH.read_text(encoding="utf-8")


def open_to_all(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def needs_document(request, page):
    """The JSON document (a dict) of a page's list in the active language;
    its shape is the schema's."""
    found = needs_list(get_language())
    categories, urgencies = dict(GoodsCategory.choices), dict(Urgency.choices)
    return {
        "language": get_language(),
        "title": page.title,
        "url": request.build_absolute_uri(page.url),
        "updated_at": found.updated_at.isoformat() if found.updated_at else None,
        "may_be_out_of_date": found.is_stale(),
        "items": [
            {
                "id": str(item.translation_key),
                "category": item.category,
                "category_label": str(categories[item.category]),
                "name": item.name,
                "urgency": item.urgency,
                "urgency_label": str(urgencies[item.urgency]),
                "quantity_needed": item.quantity_needed,
                "updated_at": item.updated_at.isoformat(),
            }
            for item in found.items
        ],
        "drop_off_points": [
            {
                "name": point.location.name,
                "address": point.location.one_line_address(),
                "latitude": _number(point.location.latitude),
                "longitude": _number(point.location.longitude),
                "accepts": [value for value, _label in point.accepted_categories()],
            }
            for point in places.drop_off_points(page)
        ],
    }


def _number(value):
    return None if value is None else float(value)


def needs_json(request, page):
    return open_to_all(
        JsonResponse(
            needs_document(request, page), json_dumps_params={"ensure_ascii": False}
        )
    )


def needs_schema(request, page):
    return open_to_all(
        HttpResponse(schema_text(), content_type="application/schema+json")
    )


class NeedsFeed(Feed):
    """RSS 2.0: one entry per item still wanted (urgent or needed); an
    entry's id changes when the item changes, so readers show it again."""

    def get_object(self, request, page):
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return page.url

    def description(self, page):
        return page.intro or page.title

    def items(self, page):
        wanted = [
            item
            for item in needs_list(get_language()).items
            if item.urgency in (Urgency.URGENT, Urgency.NEEDED)
        ]
        for item in wanted:
            item.link = f"{page.url}#needs-{item.category}"
        return wanted

    def item_title(self, item):
        return f"{item.name}: {item.get_urgency_display()}"

    def item_description(self, item):
        text = f"{item.get_category_display()}. {item.get_urgency_display()}."
        if item.quantity_needed:
            text += " " + _("Still needed: %(quantity)s") % {
                "quantity": item.quantity_needed
            }
        return text

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return f"{item.translation_key}:{item.urgency}:{item.updated_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.updated_at

    def __call__(self, request, *args, **kwargs):
        return open_to_all(super().__call__(request, *args, **kwargs))


needs_feed = NeedsFeed()
