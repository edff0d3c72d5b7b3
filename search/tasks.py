"""Index updates as django-tasks tasks: run at once in development and tests
(the immediate backend), by ``manage.py db_worker`` in production, so that a
publish never waits for the index (as Wagtail's own index does)."""

from django_tasks import task
from wagtail.models import Page

from search import indexing


@task()
def index_page_task(page_id):
    """Index a page as it is now; a page deleted meanwhile leaves no rows."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        indexing.remove_page(page_id)
    else:
        indexing.index_page(page)


@task()
def reindex_subtree_task(page_id):
    """A view restriction on this page changed: what the index holds of the
    page, its translations and their descendants follows."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        indexing.reindex_subtree(page)


@task()
def remove_page_task(page_id):
    indexing.remove_page(page_id)
