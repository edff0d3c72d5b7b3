"""Keep the site's search index (``SearchTerm`` rows) in step with live pages.

A page's document is read from its Wagtail ``search_fields``, the one place a
page type says what is searchable; ``boost`` gives a field its weight. Pages
are indexed when published and dropped when unpublished or deleted.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags
from modelsearch import index as wagtail_index
from wagtail.models import Page

from portal import search_elasticsearch, searchengine, textsearch
from portal.models.search import SearchTerm

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 10
BATCH_SIZE = 2000


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
                if search_field.field_name == "title"
                else (search_field.boost or 1) * scale
            )
            for text in _texts(search_field.get_value(obj)):
                yield text, weight


def document(page):
    """(text, weight) pairs of a specific page, from its search fields."""
    return list(_field_texts(page, page.get_search_fields()))


def is_indexed(page):
    # The home pages are the site itself, not something to find in it.
    return page.live and page.depth > 2


def rows_for(page):
    return [
        SearchTerm(
            page_id=page.pk,
            locale_id=page.locale_id,
            term=term[:60],
            head=term[:4],
            key=key[:60],
            weight=weight,
        )
        for (term, key), weight in textsearch.document_terms(document(page)).items()
    ]


def _mirror(action, *args):
    """Copy a change to Elasticsearch when it is used; never fail a publish
    for it (``rebuild_search_index`` puts everything back)."""
    if not search_elasticsearch.is_enabled():
        return
    try:
        action(*args)
    except Exception:  # noqa: BLE001 - the database index is still right
        logger.exception("Could not update the Elasticsearch search index")


def _documents(rows):
    by_page = {}
    for row in rows:
        by_page.setdefault((row.page_id, row.locale_id), []).append(
            (row.term, row.key, row.weight)
        )
    return [
        search_elasticsearch.document(page_id, locale_id, page_rows)
        for (page_id, locale_id), page_rows in by_page.items()
    ]


def index_page(page):
    """Replace a page's rows with its current document (or none if not live)."""
    page = page.specific_deferred if type(page) is Page else page
    rows = rows_for(page) if is_indexed(page) else []
    with transaction.atomic():
        SearchTerm.objects.filter(page_id=page.pk).delete()
        SearchTerm.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if rows:
        _mirror(search_elasticsearch.put_pages, _documents(rows))
    else:
        _mirror(search_elasticsearch.delete_page, page.pk)
    searchengine.bump()


def remove_page(page_id):
    SearchTerm.objects.filter(page_id=page_id).delete()
    _mirror(search_elasticsearch.delete_page, page_id)
    searchengine.bump()


def _with_relations(model, queryset):
    for search_field in model.get_search_fields():
        if isinstance(search_field, wagtail_index.RelatedFields):
            queryset = search_field.select_on_queryset(queryset)
    return queryset


def rebuild(pages=None, write=None):
    """Index every live page again (or the pages given); return how many."""
    everything = pages is None
    pages = Page.objects.all() if everything else pages
    candidates = pages.live().filter(depth__gt=2)
    total = 0
    with transaction.atomic():
        stale = SearchTerm.objects.all()
        if not everything:
            stale = stale.filter(page_id__in=pages.values("pk"))
        stale.delete()
        content_types = set(candidates.values_list("content_type", flat=True))
        for content_type_id in sorted(content_types):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            specific = _with_relations(
                model, model.objects.filter(pk__in=candidates.values("pk"))
            )
            batch = []
            for page in specific.order_by("pk").iterator(chunk_size=500):
                batch.extend(rows_for(page))
                total += 1
                if len(batch) >= BATCH_SIZE:
                    SearchTerm.objects.bulk_create(batch)
                    batch = []
            SearchTerm.objects.bulk_create(batch)
    if everything:
        _mirror(search_elasticsearch.reset)
    _mirror(_copy_to_elasticsearch, pages)
    searchengine.bump()
    if write:
        write(f"Search index: {total} pages.")
    return total


def _copy_to_elasticsearch(pages):
    rows = SearchTerm.objects.filter(page_id__in=pages.values("pk")).order_by("page")
    batch = []
    for row in rows.iterator(chunk_size=BATCH_SIZE):
        if batch and batch[-1].page_id != row.page_id and len(batch) >= BATCH_SIZE:
            search_elasticsearch.put_pages(_documents(batch))
            batch = []
        batch.append(row)
    if batch:
        search_elasticsearch.put_pages(_documents(batch))


def on_published(sender, instance, **kwargs):
    index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    remove_page(instance.pk)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from portal.models import SearchSynonym

    page_published.connect(on_published, dispatch_uid="kentro-search-publish")
    page_unpublished.connect(on_unpublished, dispatch_uid="kentro-search-unpublish")
    for signal in (post_save, post_delete):
        signal.connect(
            searchengine.bump, sender=SearchSynonym, dispatch_uid=f"kentro-{signal}"
        )
