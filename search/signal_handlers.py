"""What keeps the search index and the engine's caches current: publishing
and unpublishing pages queue index tasks, and so does a page view restriction
added or removed (restricted pages are not indexed); a changed synonym
retires what the engine remembered, and so does a changed promoted result
(Wagtail's search promotions), which cached search pages show."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from search import engine
from search.tasks import index_page_task, reindex_subtree_task, remove_page_task

SYNONYM_MODEL = "search.SearchSynonym"
RESTRICTION_MODEL = "wagtailcore.PageViewRestriction"
PROMOTION_MODEL = "wagtailsearchpromotions.SearchPromotion"


def on_published(sender, instance, **kwargs):
    index_page_task.enqueue(instance.pk)


def on_unpublished(sender, instance, **kwargs):
    remove_page_task.enqueue(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    page_id = instance.page_id
    transaction.on_commit(lambda: reindex_subtree_task.enqueue(page_id))


def engine_inputs_changed(sender, **kwargs):
    engine.bump()


def register():
    page_published.connect(on_published, dispatch_uid="kentro-search-publish")
    page_unpublished.connect(on_unpublished, dispatch_uid="kentro-search-unpublish")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=RESTRICTION_MODEL,
            dispatch_uid=f"kentro-search-restriction-{signal}",
        )
        signal.connect(
            engine_inputs_changed,
            sender=SYNONYM_MODEL,
            dispatch_uid=f"kentro-search-synonyms-{signal}",
        )
        signal.connect(
            engine_inputs_changed,
            sender=PROMOTION_MODEL,
            dispatch_uid=f"kentro-search-promotions-{signal}",
        )


def unregister():
    """Stop indexing on publish (``search.bulk`` rebuilds once at the end)."""
    page_published.disconnect(dispatch_uid="kentro-search-publish")
    page_unpublished.disconnect(dispatch_uid="kentro-search-unpublish")
