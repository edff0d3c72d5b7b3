from django.core.management.base import BaseCommand

from appointments.submission import purge_personal_data, retention_days


class Command(BaseCommand):
    help = (
        "Anonymise appointment requests closed more than DAYS days ago "
        "(KENTRO_APPOINTMENT_RETENTION_DAYS, 365 by default): names, contacts, "
        "messages and notes go; what the reports count stays."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep requests closed within this many days (default: the setting).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many requests would be anonymised.",
        )

    def handle(self, *args, days, dry_run, **options):
        days = retention_days() if days is None else days
        if days < 0:
            self.stderr.write("--days cannot be negative.")
            return
        count = purge_personal_data(days=days, dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(
            f"{count} appointment request(s) closed more than {days} days ago {verb}."
        )
