from django.core.management.base import BaseCommand

from core import links
from portal.links import external_link_uses


class Command(BaseCommand):
    help = (
        "Check every outside link the public pages show (application pages, "
        "partners' websites, documents' sources) and record the answers for "
        "the admin's report (Reports → Broken outside links). Run it weekly."
    )

    def handle(self, *args, **options):
        summary = links.check(external_link_uses())
        self.stdout.write(
            f"{summary.checked} addresses checked, {summary.broken} broken, "
            f"{summary.removed} no longer used."
        )
