"""Site-wide search: every live public page of the visitor's language, with
editors' promoted results first, a snippet with the words found marked, and a
count of the queries that found nothing for the editors' report."""

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from core import privacy
from search import analysis, engine
from search.models import UnansweredQuery

logger = logging.getLogger(__name__)

DEFAULT_UNANSWERED_DAYS = 30
UNANSWERED_MIN_TIMES = 3
UNANSWERED_MAX_DAYS = 365
# A visitor never pages past this many results.
MAX_RESULTS = 500
SNIPPET_WORDS = 40
# Fields that say in a sentence what a page is about, in order of preference.
SUMMARY_FIELDS = ("summary", "intro", "search_description")


# The languages of the site that a script tells apart: a query written all in
# Arabic letters is Arabic, all in Greek letters Greek. Latin letters may be
# English or Greeklish, and say nothing.
SCRIPT_LANGUAGES = (("ar", analysis.is_arabic), ("el", analysis.is_greek))


@dataclass
class OtherLanguage:
    """Results for the query in the language its script belongs to."""

    code: str
    name: str  # the language's own name (العربية)
    count: int
    url: str


@dataclass
class Result:
    page: object
    kind: str
    snippet: str
    promoted: bool = False
    # The page's language when it is not the visitor's: a page not yet
    # translated, found by its page in the default language ("el").
    untranslated: str = ""


# Finders of pages not yet translated by the visitor's words, registered by
# the apps that know more of a page than its indexed text (the directory
# matches a service by its topics' names in the visitor's language): each is
# ``finder(query, locale) -> [page id of the default language, best first]``.
_untranslated_finders = []


def register_untranslated_finder(finder):
    if finder not in _untranslated_finders:
        _untranslated_finders.append(finder)
    return finder


def default_language():
    """The site's default language code ("el"), with no query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _visible(ids):
    return (
        Page.objects.filter(pk__in=ids, depth__gt=2).live().filter(privacy.public_q())
    )


def ranked_pages(query, locale):
    """Ids of the live public pages matching ``query``, best first, and the
    engine's spelling corrections.

    On a translated site (English, Arabic) the pages not yet translated
    follow, by their page in the default language (Greek), found by their
    Greek text and by the registered finders: nothing a visitor can read in
    Greek is missing from their search (#18), as in the directory
    (``directory.search``). A page whose translation is live is found only
    in the visitor's language.
    """
    found = engine.find(query, locale.pk)
    ranked = found.ranked[:MAX_RESULTS]
    visible = set(_visible(ranked).values_list("pk", flat=True))
    ranked = [pk for pk in ranked if pk in visible]
    return ranked + untranslated_pages(query, locale, MAX_RESULTS - len(ranked)), (
        found.corrections
    )


def untranslated_pages(query, locale, limit=MAX_RESULTS):
    """Ids of the live public pages of the default language matching
    ``query`` that have no live translation in ``locale``, best first: those
    found by their own text, then those the finders add. Two queries."""
    if locale.language_code == default_language() or limit <= 0:
        return []
    default = Locale.get_default()
    candidates = list(engine.find(query, default.pk).ranked)
    for finder in _untranslated_finders:
        candidates += finder(query, locale)
    candidates = list(dict.fromkeys(candidates))[:MAX_RESULTS]
    translated = Page.objects.filter(locale=locale).live().values("translation_key")
    visible = set(
        _visible(candidates)
        .filter(locale=default)
        .exclude(translation_key__in=translated)
        .values_list("pk", flat=True)
    )
    return [pk for pk in candidates if pk in visible][:limit]


def language_of_script(query):
    """The language code whose script every word of the query is written in
    (digits aside), or None."""
    found = [word for word in analysis.words(query) if not word.isdigit()]
    for code, written_in in SCRIPT_LANGUAGES:
        if found and all(written_in(word) for word in found):
            return code
    return None


def other_language(query, locale):
    """An ``OtherLanguage`` when the query is written in the script of another
    language of the site that has results for it (Arabic typed on the Greek
    or English search page), else None."""
    code = language_of_script(query)
    if code is None or code == locale.language_code:
        return None
    other = Locale.objects.filter(language_code=code).first()
    if other is None:
        return None
    ranked, _corrections = ranked_pages(query, other)
    if not ranked:
        return None
    with translation.override(code):
        url = reverse("search")
    return OtherLanguage(
        code=code,
        name=translation.get_language_info(code)["name_local"],
        count=len(ranked),
        url=f"{url}?{QueryDict.fromkeys(['q'], query).urlencode()}",
    )


def promoted_pages(query, locale):
    """Pages editors promoted for this query (Wagtail search promotions),
    matched whatever the case and accents of either."""
    wanted = analysis.words(query)
    promoted_queries = [
        pk
        for pk, text in Query.objects.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("pk", "query_string")
        if analysis.words(text) == wanted
    ]
    if not promoted_queries:
        return []
    picks = SearchPromotion.objects.filter(
        query_id__in=promoted_queries,
        page__live=True,
        page__locale=locale,
        page__depth__gt=2,
    ).filter(privacy.public_q("page__"))
    picks = picks.order_by("sort_order")
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
    slots = analysis.query_slots(query)
    pieces = []
    for original in text.split()[:words]:
        bare = analysis.fold("".join(c for c in original if c.isalnum()))
        term = analysis.stem(bare) if bare else ""
        hit = bare and any(
            term in slot.terms
            or term in slot.heads
            or bare in slot.heads
            or analysis.key(term) in slot.keys
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
    """The specific pages of ``page_ids`` as results, in the same order; a
    page in another language than ``locale`` (not yet translated) says which."""
    pages = Page.objects.filter(pk__in=page_ids).specific()
    by_id = {page.pk: page for page in pages}
    default = default_language()
    return [
        Result(
            page=by_id[pk],
            kind=kind_of(by_id[pk]),
            snippet=highlight(summary_of(by_id[pk]), query),
            untranslated=default if by_id[pk].locale_id != locale.pk else "",
        )
        for pk in page_ids
        if pk in by_id
    ]


# What people type that is about them rather than about what they look for:
# an e-mail address, or a run of digits long enough to be a phone number (or
# a tax or social-security number). Left out of what is recorded.
EMAIL_PATTERN = re.compile(r"\S+@\S+")
LONG_NUMBER_PATTERN = re.compile(r"\+?\d[\d\s().\-/]{4,}\d")
MIN_DIGITS_OF_A_NUMBER = 6


def without_contact_details(query):
    """The query without e-mail addresses and long numbers."""

    def number(match):
        digits = sum(character.isdigit() for character in match.group())
        return " " if digits >= MIN_DIGITS_OF_A_NUMBER else match.group()

    return LONG_NUMBER_PATTERN.sub(number, EMAIL_PATTERN.sub(" ", query))


def record_unanswered(query, language):
    """Count a query that found nothing, as its normalised words, without
    contact details; a failure here never fails a search."""
    text = " ".join(analysis.words(without_contact_details(query)))[:200]
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


def unanswered_retention_days():
    return int(
        getattr(settings, "KENTRO_UNANSWERED_QUERY_DAYS", DEFAULT_UNANSWERED_DAYS)
    )


def purge_unanswered(now=None, dry_run=False):
    """Forget searches without results that few people made.

    People type their own names into a search box (and numbers the recording
    did not catch); a query made fewer than KENTRO_UNANSWERED_QUERY_MIN_TIMES
    times is dropped once KENTRO_UNANSWERED_QUERY_DAYS have passed since it
    was last made, and every query a year after. What editors act on, the
    words many people look for in vain, stays. Return how many were dropped.
    """
    now = now or timezone.now()
    short = now - datetime.timedelta(days=unanswered_retention_days())
    longest = now - datetime.timedelta(days=UNANSWERED_MAX_DAYS)
    few = getattr(settings, "KENTRO_UNANSWERED_QUERY_MIN_TIMES", UNANSWERED_MIN_TIMES)
    due = UnansweredQuery.objects.filter(
        Q(times__lt=few, last_searched_at__lt=short) | Q(last_searched_at__lt=longest)
    )
    pks = set(due.values_list("pk", flat=True))
    for pk, text in UnansweredQuery.objects.values_list("pk", "query").iterator():
        if sum(character.isdigit() for character in text) >= MIN_DIGITS_OF_A_NUMBER:
            pks.add(pk)
    if dry_run:
        return len(pks)
    return UnansweredQuery.objects.filter(pk__in=pks).delete()[0]
