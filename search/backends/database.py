"""The term index in the site's own database (SQLite or PostgreSQL): the
default, and the record every other backend can be rebuilt from."""

from django.db import connection, transaction
from django.db.models import Q

from search import analysis
from search.backends.base import BaseTermIndex, PageRows
from search.models import SearchTerm

BATCH_SIZE = 2000


def _row(page_id, locale_id, term, key, weight):
    return SearchTerm(
        page_id=page_id,
        locale_id=locale_id,
        term=term,
        head=term[: analysis.HEAD_LENGTH],
        key=key,
        weight=weight,
    )


class TermIndex(BaseTermIndex):
    has_vocabulary = True

    def lookup(self, locale_id, terms=(), keys=(), heads=()):
        # One branch per column, each answered from its own covering index;
        # a single query with OR between the columns would make PostgreSQL
        # combine the indexes as a bitmap and then read every matching row
        # from the table. A row found by an earlier branch is left out of
        # the later ones, as OR would.
        branches = []
        seen = Q()
        for name, values in (("term", terms), ("key", keys), ("head", heads)):
            if not values:
                continue
            where = Q(**{f"{name}__in": sorted(values)})
            branches.append(
                SearchTerm.objects.filter(where, locale_id=locale_id)
                .exclude(seen)
                .values_list("page_id", "term", "weight")
            )
            seen |= where
        if not branches:
            return []
        query = branches[0].union(*branches[1:], all=True)
        # The rows are many for a common word; read them without building a
        # Python object per row, and spell each distinct term's key once.
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        keys_of = {term: analysis.key(term) for term in {row[1] for row in found}}
        return [(page, term, keys_of[term], weight) for page, term, weight in found]

    def vocabulary(self, locale_id):
        return (
            SearchTerm.objects.filter(locale_id=locale_id)
            .values_list("key", flat=True)
            .distinct()
        )

    def replace_page(self, page_id, locale_id, rows):
        with transaction.atomic():
            SearchTerm.objects.filter(page_id=page_id).delete()
            SearchTerm.objects.bulk_create(
                [_row(page_id, locale_id, *row) for row in rows],
                batch_size=BATCH_SIZE,
            )

    def delete_pages(self, page_ids):
        SearchTerm.objects.filter(page_id__in=page_ids).delete()

    def add_pages(self, documents):
        batch = []
        for document in documents:
            batch.extend(
                _row(document.page_id, document.locale_id, *row)
                for row in document.rows
            )
            if len(batch) >= BATCH_SIZE:
                SearchTerm.objects.bulk_create(batch)
                batch = []
        SearchTerm.objects.bulk_create(batch)

    def reset(self):
        SearchTerm.objects.all().delete()

    def documents(self, page_ids=None):
        """Every page's rows as ``PageRows``, read back (to copy elsewhere)."""
        rows = SearchTerm.objects.order_by("page_id")
        if page_ids is not None:
            rows = rows.filter(page_id__in=page_ids)
        current = None
        for row in rows.iterator(chunk_size=BATCH_SIZE):
            if current is None or current.page_id != row.page_id:
                if current is not None:
                    yield current
                current = PageRows(row.page_id, row.locale_id, [])
            current.rows.append((row.term, row.key, row.weight))
        if current is not None:
            yield current
