from django.core.management.base import BaseCommand

from events.models import EventPage
from events.recurrence import HORIZON_DAYS


class Command(BaseCommand):
    help = (
        f"Expand the occurrences of every live recurring event up to "
        f"{HORIZON_DAYS} days ahead. Run it daily (e.g. from cron)."
    )

    def handle(self, *args, **options):
        events = EventPage.objects.live().exclude(repeat="")
        count = 0
        for event in events.prefetch_related("date_exceptions").iterator(
            chunk_size=200
        ):
            event.rebuild_occurrences()
            count += 1
        self.stdout.write(f"Extended the occurrences of {count} recurring events.")
