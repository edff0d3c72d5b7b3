"""Keep the site's term index in step with live pages.

A page's document is read from its Wagtail ``search_fields``, the one place a
page type says what is searchable; ``boost`` gives a field its weight. Pages
are indexed when published and dropped when unpublished or deleted, by the
tasks in ``search.tasks`` (see ``search.signal_handlers``), off the request
when the task backend is a queue.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from modelsearch import index as wagtail_index
from wagtail.models import Page

from core import privacy
from search import analysis, engine
from search.backends import get_backend
from search.backends.base import PageRows

TITLE_WEIGHT = 10
# Fields that name the page as its title does: a service's other name (ΚΕΑ
# for Κοινωνικό Εισόδημα Αλληλεγγύης) says as much about it as its title.
NAME_FIELDS = frozenset({"title", "alternate_name"})


def _texts(value):
    """The strings in a search field's value (text, lists, related objects)."""
    if value is None:
        return
    if isinstance(value, str):
        yield strip_tags(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    else:
        yield strip_tags(str(value))


def _field_texts(obj, fields, scale=1.0):
    for search_field in fields:
        if isinstance(search_field, wagtail_index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for item in objects:
                yield from _field_texts(item, search_field.fields, scale)
        elif isinstance(search_field, wagtail_index.SearchField):
            weight = (
                TITLE_WEIGHT
                if search_field.field_name in NAME_FIELDS
                else (search_field.boost or 1) * scale
            )
            for text in _texts(search_field.get_value(obj)):
                yield text, weight


def document(page):
    """(text, weight) pairs of a specific page, from its search fields."""
    return list(_field_texts(page, page.get_search_fields()))


def is_indexed(page):
    # The home pages are the site itself, not something to find in it; a
    # restricted page leaves no word in the index, so that neither results,
    # suggestions nor "Did you mean" can show what it says.
    return page.live and page.depth > 2 and privacy.is_public(page)


def rows_for(page):
    """The page's (term, key, weight) rows, cut to what the index keeps.

    A page type may weigh all its words more with a ``search_weight`` class
    attribute (a float, 1 by default): services and programmes, what people
    come to find, rank above an event or an information page that merely
    mentions the same word; a query that names the event still finds it
    first, as it then matches more of the query or by its title.
    """
    limit = analysis.MAX_TERM_LENGTH
    scale = getattr(page, "search_weight", 1.0)
    return [
        (term[:limit], key[:limit], round(weight * scale, 2))
        for (term, key), weight in analysis.document_terms(document(page)).items()
    ]


def index_page(page):
    """Replace a page's rows with its current document (or none if not live)."""
    page = page.specific_deferred if type(page) is Page else page
    rows = rows_for(page) if is_indexed(page) else []
    get_backend().replace_page(page.pk, page.locale_id, rows)
    engine.bump()


def reindex_subtree(page):
    """Index again a page, its translations and everything under them: a
    view restriction on it was added or removed."""
    under_any = Q()
    for path in Page.objects.filter(translation_key=page.translation_key).values_list(
        "path", flat=True
    ):
        under_any |= Q(path__startswith=path)
    return rebuild(Page.objects.filter(under_any))


def remove_page(page_id):
    get_backend().delete_pages([page_id])
    engine.bump()


def _with_relations(model, queryset):
    for search_field in model.get_search_fields():
        if isinstance(search_field, wagtail_index.RelatedFields):
            queryset = search_field.select_on_queryset(queryset)
    return queryset


def _documents(candidates, counter):
    content_types = set(candidates.values_list("content_type", flat=True))
    for content_type_id in sorted(content_types):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        specific = _with_relations(
            model, model.objects.filter(pk__in=candidates.values("pk"))
        )
        for page in specific.order_by("pk").iterator(chunk_size=500):
            counter.append(page.pk)
            yield PageRows(page.pk, page.locale_id, rows_for(page))


def rebuild(pages=None, write=None):
    """Index every live page again (or the pages given); return how many."""
    everything = pages is None
    pages = Page.objects.all() if everything else pages
    candidates = pages.live().filter(depth__gt=2).filter(privacy.public_q())
    backend = get_backend()
    indexed = []
    with transaction.atomic():
        if everything:
            backend.reset()
        else:
            backend.delete_pages(list(pages.values_list("pk", flat=True)))
        backend.add_pages(_documents(candidates, indexed))
    engine.bump()
    if write:
        write(f"Search index: {len(indexed)} pages.")
    return len(indexed)
