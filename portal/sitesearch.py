"""Site-wide search: every live public page of the visitor's language, with
editors' promoted results first, a snippet with the words found marked, and a
count of the queries that found nothing for the editors' report."""

import logging
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from portal import searchengine, textsearch
from portal.models import UnansweredQuery

logger = logging.getLogger(__name__)

# A visitor never pages past this many results.
MAX_RESULTS = 500
SNIPPET_WORDS = 40
# Fields that say in a sentence what a page is about, in order of preference.
SUMMARY_FIELDS = ("summary", "intro", "search_description")


@dataclass
class Result:
    page: object
    kind: str
    snippet: str
    promoted: bool = False


def ranked_pages(query, locale):
    """Ids of the live public pages matching ``query``, best first, and the
    engine's spelling corrections."""
    found = searchengine.find(query, locale.pk)
    ranked = found.ranked[:MAX_RESULTS]
    visible = set(
        Page.objects.filter(pk__in=ranked, depth__gt=2)
        .live()
        .public()
        .values_list("pk", flat=True)
    )
    return [pk for pk in ranked if pk in visible], found.corrections


def promoted_pages(query, locale):
    """Pages editors promoted for this query (Wagtail search promotions),
    matched whatever the case and accents of either."""
    wanted = textsearch.words(query)
    promoted_queries = [
        pk
        for pk, text in Query.objects.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("pk", "query_string")
        if textsearch.words(text) == wanted
    ]
    if not promoted_queries:
        return []
    picks = SearchPromotion.objects.filter(
        query_id__in=promoted_queries,
        page__live=True,
        page__locale=locale,
        page__depth__gt=2,
    ).order_by("sort_order")
    return list(dict.fromkeys(picks.values_list("page_id", flat=True)))


def summary_of(page):
    for name in SUMMARY_FIELDS:
        text = getattr(page, name, "")
        if isinstance(text, str) and text.strip():
            return text
    return ""


def highlight(text, query, words=SNIPPET_WORDS):
    """The first ``words`` words of ``text``, with the words the query found
    marked; HTML-safe."""
    slots = textsearch.query_slots(query)
    pieces = []
    for original in text.split()[:words]:
        bare = textsearch.fold("".join(c for c in original if c.isalnum()))
        term = textsearch.stem(bare) if bare else ""
        hit = bare and any(
            term in slot.terms
            or term in slot.heads
            or bare in slot.heads
            or textsearch.key(term) in slot.keys
            or (slot.prefix and term.startswith(slot.prefix))
            for slot in slots
        )
        pieces.append(f"<mark>{escape(original)}</mark>" if hit else escape(original))
    ellipsis = " …" if len(text.split()) > words else ""
    return mark_safe(" ".join(pieces) + ellipsis)  # noqa: S308 - escaped above


def kind_of(page):
    """What a visitor would call this kind of page ("Service", "Event")."""
    return getattr(page, "search_kind", None) or page._meta.verbose_name


def results(query, locale, page_ids):
    """The specific pages of ``page_ids`` as results, in the same order."""
    pages = Page.objects.filter(pk__in=page_ids).specific()
    by_id = {page.pk: page for page in pages}
    return [
        Result(
            page=by_id[pk],
            kind=kind_of(by_id[pk]),
            snippet=highlight(summary_of(by_id[pk]), query),
        )
        for pk in page_ids
        if pk in by_id
    ]


def record_unanswered(query, language):
    """Count a query that found nothing; a failure here never fails a search."""
    text = " ".join(textsearch.words(query))[:200]
    if not text:
        return
    try:
        with transaction.atomic():
            updated = UnansweredQuery.objects.filter(
                query=text, language=language
            ).update(times=F("times") + 1)
            if not updated:
                UnansweredQuery.objects.create(query=text, language=language)
    except IntegrityError:
        UnansweredQuery.objects.filter(query=text, language=language).update(
            times=F("times") + 1
        )
    except DatabaseError:
        logger.exception("Could not record a query without results")
