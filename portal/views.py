from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal import navigation, searchengine, sitesearch
from portal.search import clean_query
from portal.sitemaps import MultilingualSitemap

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    locale = navigation.active_locale(request)
    ranked, promoted, corrections = [], [], {}
    if query:
        promoted = sitesearch.promoted_pages(query, locale)
        ranked, corrections = sitesearch.ranked_pages(query, locale)
        ranked = promoted + [pk for pk in ranked if pk not in promoted]
        if not ranked:
            sitesearch.record_unanswered(query, request.LANGUAGE_CODE)
    page = Paginator(ranked, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results = sitesearch.results(query, locale, list(page.object_list))
    for result in results:
        result.promoted = result.page.pk in promoted
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "search_results": page,
            "results": results,
            "paginator": page.paginator,
            "suggestion": searchengine.suggestion(
                query, corrections, [result.page.title for result in results]
            ),
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": MultilingualSitemap(request)})


@require_GET
def favicon(request):
    return redirect(static("img/favicon.ico"), permanent=True)
