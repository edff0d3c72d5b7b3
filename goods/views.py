"""The needs page and what hangs under it, served by NeedsPage. Views only
read input and choose a template; the rules are in goods.models.needs,
goods.places and goods.pledges."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from goods import places
from goods.models.needs import needs_list


def render(request, page, template, context=None, status=200):
    context = {
        "page": page,
        "self": page,
        **page.route_urls(),
        **(context or {}),
    }
    return TemplateResponse(request, f"goods/{template}", context, status=status)


def needs(request, page):
    """The list grouped by category and urgency, its age, the drop-off points."""
    found = needs_list(get_language())
    return render(
        request,
        page,
        "needs_page.html",
        {
            "needs": found,
            "is_stale": found.is_stale(timezone.now()),
            "places": places.with_hours(places.drop_off_points(page)),
        },
    )
