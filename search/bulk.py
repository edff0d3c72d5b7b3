"""Build many pages at once (``seed_demo``, imports): the search indexes
(Wagtail's and the site's own) and the reference index are rebuilt once when
the work is done, instead of on every save and publish."""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save
from modelsearch import index as wagtail_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from search import indexing, signal_handlers


@contextmanager
def indexed_at_the_end():
    """Indexes are left alone inside the block and rebuilt when it ends."""
    models = [
        model
        for model in wagtail_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    signal_handlers.unregister()
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
        signal_handlers.register()
    call_command("update_index", verbosity=0)
    indexing.rebuild()
    call_command("rebuild_references_index", verbosity=0)
