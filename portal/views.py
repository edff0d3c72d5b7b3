from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core import navigation, pagecache
from portal.sitemaps import MultilingualSitemap
from search import engine, sitesearch
from search.query import clean_query

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    pagecache.accept_query(request, ("q", "page"))
    locale = navigation.active_locale(request)
    ranked, promoted, corrections, other_language = [], [], {}, None
    if query:
        promoted = sitesearch.promoted_pages(query, locale)
        ranked, corrections = sitesearch.ranked_pages(query, locale)
        ranked = promoted + [pk for pk in ranked if pk not in promoted]
        # Arabic typed on the Greek page (or Greek on the English one): the
        # page offers the results of the language the words are written in.
        other_language = sitesearch.other_language(query, locale)
        if not ranked and other_language is None:
            sitesearch.record_unanswered(query, request.LANGUAGE_CODE)
            pagecache.skip(request)  # counted each time it is asked
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
            "other_language": other_language,
            "suggestion": engine.suggestion(
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
