"""Locale and translation key for the inline rows of pages that became
translatable (``TranslatableMixin``) after rows already existed.

The data step of the migrations that made ``RequiredDocument``,
``ServiceAtLocation``, ``ServiceContact`` and ``EventDateException``
translatable (issue #18), written like Wagtail's own bootstrap migrations
(wagtail/migrations/0054, 0056): the fields are added nullable, filled here,
then made required and unique together. Tests call ``populate`` directly.
"""

import uuid
from collections import defaultdict

from django.conf import settings
from django.db.models import F

BATCH_SIZE = 500


def populate(row_model, page_model, parent_field, source_language):
    """Give every row of ``row_model`` its page's locale and a translation key.

    ``row_model`` is a model (historical in a migration) with ``locale``,
    ``translation_key``, ``sort_order`` and ``parent_field``, the name of its
    ParentalKey; ``page_model`` is Wagtail's ``Page`` (historical or not);
    ``source_language`` the language code whose pages were translated from
    (the site's default, Greek).

    Pages sharing a translation key are one page in several languages. The
    source among them is the page in ``source_language``, or else the oldest
    (lowest id). Its rows get new keys; the i-th row (by sort order) of each
    translation shares the key of the source's i-th row, and a row with no
    counterpart gets a key of its own. Returns the number of rows updated.
    """
    parent_id = f"{parent_field}_id"
    rows_by_page = defaultdict(list)
    # Rows never sorted in the admin have no sort order: last, on any database.
    rows = row_model.objects.order_by(
        parent_id, F("sort_order").asc(nulls_last=True), "pk"
    )
    for row in rows:
        rows_by_page[getattr(row, parent_id)].append(row)
    if not rows_by_page:
        return 0
    pages = page_model.objects.filter(pk__in=rows_by_page).values(
        "pk", "locale_id", "translation_key", "locale__language_code"
    )
    pages_by_key = defaultdict(list)
    locale_of = {}
    for page in pages:
        pages_by_key[page["translation_key"]].append(page)
        locale_of[page["pk"]] = page["locale_id"]

    updated = []
    for group in pages_by_key.values():
        source = min(
            group,
            key=lambda page: (
                page["locale__language_code"] != source_language,
                page["pk"],
            ),
        )
        source_keys = [uuid.uuid4() for _row in rows_by_page[source["pk"]]]
        for page in group:
            for position, row in enumerate(rows_by_page[page["pk"]]):
                row.locale_id = locale_of[page["pk"]]
                row.translation_key = (
                    source_keys[position]
                    if position < len(source_keys)
                    else uuid.uuid4()
                )
                updated.append(row)
    row_model.objects.bulk_update(
        updated, ["locale", "translation_key"], batch_size=BATCH_SIZE
    )
    return len(updated)


def migration_step(app_label, model_name, parent_field):
    """A ``RunPython`` function filling ``app_label.model_name``'s rows."""

    def forwards(apps, schema_editor):
        populate(
            apps.get_model(app_label, model_name),
            apps.get_model("wagtailcore", "Page"),
            parent_field,
            settings.LANGUAGE_CODE,
        )

    return forwards
