from django.core.management.base import BaseCommand

from portal import searchindex


class Command(BaseCommand):
    help = (
        "Index every live page again in the site's search index (and in "
        "Elasticsearch when ELASTICSEARCH_URL is set)."
    )

    def handle(self, *args, **options):
        searchindex.rebuild(write=self.stdout.write)
