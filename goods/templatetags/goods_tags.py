from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from goods.models import NeedsPage, Urgency
from goods.models.needs import needs_list

register = template.Library()


@register.inclusion_tag("goods/includes/urgent_needs.html", takes_context=True)
def urgent_needs(context, limit=6):
    """The urgent items in short, with a link to the needs page of the
    visitor's language; nothing when nothing is urgent or there is no page."""
    page = (
        NeedsPage.objects.live()
        .filter(locale=Locale.get_active())
        .only("title", "url_path", "path", "depth")
        .first()
    )
    urgent = needs_list(get_language(), urgency=Urgency.URGENT).items if page else []
    return {
        "needs_page": page,
        "urgent": urgent[:limit],
        "more": max(len(urgent) - limit, 0),
        "request": context.get("request"),
    }
