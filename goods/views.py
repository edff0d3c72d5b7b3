"""The needs page and what hangs under it, served by NeedsPage. Views only
read input and choose a template; the rules are in goods.models.needs,
goods.places, goods.forms and goods.pledges."""

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from core import abuse, busy, chrome
from core.forms import refuse_unreadable_charset
from core.navigation import privacy_page
from goods import distributions, places, pledges
from goods.forms import PledgeForm
from goods.models.needs import needs_list


def render(request, page, template, context=None, status=200):
    context = {
        "page": page,
        "self": page,
        **page.route_urls(),
        **(context or {}),
    }
    return TemplateResponse(request, f"goods/{template}", context, status=status)


def is_rate_limited(request):
    return abuse.is_rate_limited(
        request,
        "goods:pledge",
        limit=getattr(settings, "KENTRO_PLEDGE_RATE_LIMIT", 10),
        window=getattr(settings, "KENTRO_PLEDGE_RATE_WINDOW", 3600),
    )


def cached_privacy_page(request, page):
    """The privacy notice in the page's language, kept with the chrome's
    version (core.chrome), which changes when a page is published or moved:
    a public page's queries stay within the budget (design.md section 6)."""
    key = f"kentro:goods:privacy:{chrome.version()}:{page.locale_id}"
    found = cache.get(key)
    if found is None:
        found = privacy_page(request, page) or False
        cache.set(key, found, timeout=chrome.FRAGMENT_SECONDS)
    return found or None


def needs(request, page, form=None, points=None, status=200):
    """The list grouped by category and urgency, its age, the drop-off points
    with their hours, and the pledge form (blank, or sent back with errors)."""
    found = needs_list(get_language())
    points = places.drop_off_points(page) if points is None else points
    if form is None and points:
        form = PledgeForm(points=points)
    return render(
        request,
        page,
        "needs_page.html",
        {
            "needs": found,
            "is_stale": found.is_stale(timezone.now()),
            "places": places.with_hours(points),
            "distributions": distributions.next_distributions(page.locale_id),
            "form": form,
            "privacy_page": cached_privacy_page(request, page) if form else None,
        },
        status=status,
    )


def pledge(request, page):
    """The pledge form's target: stored and thanked, or the page again with
    the errors; a GET goes to the form on the page."""
    if request.method != "POST":
        return redirect(page.url + "#pledge")
    if is_rate_limited(request):
        return render(request, page, "rate_limited.html", status=429)
    points = places.drop_off_points(page)
    form = PledgeForm(request.POST, points=points)
    if refuse_unreadable_charset(request, form):
        return needs(request, page, form, points, status=400)
    if not form.is_valid():
        return needs(request, page, form, points)
    if not form.is_spam:  # a robot is thanked the same and nothing is kept
        try:
            pledges.create_pledge(
                form.answers(),
                language=get_language(),
                page_url=request.build_absolute_uri(page.url),
            )
        except OperationalError as error:
            if not busy.is_busy(error):
                raise
            form.add_error(None, busy.MESSAGE)
            return busy.mark_busy(needs(request, page, form, points))
    return redirect(page.route_url("thank_you"))


def thank_you(request, page):
    return render(request, page, "thank_you.html")
