import factory.random
from django.core.management.base import BaseCommand
from django.db import transaction

import directory.demo
import events.demo
import portal.demo.build

# Taxonomy first: the pages after it refer to it.
BUILDERS = [directory.demo.build, portal.demo.build.build, events.demo.build]


class Command(BaseCommand):
    help = (
        "Build the demo Kalamata Community Centre. Running it again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic events (for load tests).",
        )

    def handle(self, *args, **options):
        factory.random.reseed_random("kentro-demo")
        with transaction.atomic():
            for build in BUILDERS:
                build(self.stdout.write)
            if options["events"]:
                events.demo.build_synthetic(options["events"], self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
