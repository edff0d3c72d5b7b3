from django.core.management.base import BaseCommand, CommandError

from appointments import submission
from core import retention


class Command(BaseCommand):
    help = (
        "Apply every retention period (README, Security): anonymise appointment "
        "requests closed more than KENTRO_APPOINTMENT_RETENTION_DAYS ago or "
        "untouched for KENTRO_OPEN_REQUEST_RETENTION_DAYS, delete unconfirmed "
        "and inactive volunteers, rare searches without results, old sign-in "
        "records; and erase them from Wagtail's audit log. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                "Keep appointment requests closed within this many days "
                "(default: KENTRO_APPOINTMENT_RETENTION_DAYS)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many records would be erased.",
        )

    def handle(self, *args, days, dry_run, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        only = None
        if days is not None:
            count = submission.purge_personal_data(days=days, dry_run=dry_run)
            self.report("appointments.closed", days, count, dry_run)
            only = {rule.name for rule in retention.rules()} - {"appointments.closed"}
        for rule, count in retention.purge_all(dry_run=dry_run, only=only):
            self.report(rule.label, rule.days(), count, dry_run)

    def report(self, label, days, count, dry_run):
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"{label} (kept {days} days): {count} {verb}.")
