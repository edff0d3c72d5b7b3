import factory.random
from django.core.management.base import BaseCommand
from django.db import transaction

import appointments.demo
import directory.demo
import eligibility.demo
import goods.demo
import portal.demo.build
import portal.demo.renames
import portal.demo.translations
import volunteers.demo
from events import demo as events_demo
from search.bulk import indexed_at_the_end

# Taxonomy first: the pages after it refer to it; services go under the home page.
# Translations last: they copy the Greek pages and snippets the others built.
BUILDERS = [
    # First: a demo built before its slugs became ELOT 743 is renamed in place.
    portal.demo.renames.rename,
    directory.demo.build_taxonomies,
    portal.demo.build.build,
    directory.demo.build,
    events_demo.build,
    volunteers.demo.build,
    appointments.demo.build,
    goods.demo.build,
    # After the request page exists: the contact pages link to it.
    portal.demo.build.build_request_links,
    portal.demo.translations.build,
    # After the translations: the check links to the services in each language.
    eligibility.demo.build,
    # Last: every renamed page, in every language, answers at its old address.
    portal.demo.renames.redirect,
]


class Command(BaseCommand):
    help = (
        "Build the demo Kalamata Community Centre. Running it again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--services",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic services, for scale tests.",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic events, for scale tests.",
        )

    def handle(self, *args, services, events, **options):
        factory.random.reseed_random("kentro-demo")
        with transaction.atomic(), indexed_at_the_end():
            for build in BUILDERS:
                build(self.stdout.write)
        if services:
            directory.demo.build_synthetic(services, self.stdout.write)
        if events:
            events_demo.build_synthetic(events, self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
