from django.core.management.base import BaseCommand

from volunteers.signup import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete volunteer sign-ups that nobody confirmed within 30 days."

    def handle(self, *args, **options):
        count = purge_unconfirmed()
        self.stdout.write(f"Deleted {count} unconfirmed sign-up(s).")
