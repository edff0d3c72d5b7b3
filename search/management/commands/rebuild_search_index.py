from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Index every live page again in the site's search index (and in "
        "Elasticsearch when ELASTICSEARCH_URL is set)."
    )

    def handle(self, *args, **options):
        indexing.rebuild(write=self.stdout.write)
