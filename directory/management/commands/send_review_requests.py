import datetime

from django.core.management.base import BaseCommand, CommandError

from directory import partner_review


class Command(BaseCommand):
    help = (
        "Ask the partners of the services that are due for a check to confirm "
        "or correct them (issue #25): a new request with its e-mail, reminders "
        "on the 7th and 21st day, the staff told on the 28th. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            default=None,
            help="The day to act as (YYYY-MM-DD); default: today, Athens time.",
        )

    def handle(self, *args, date, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"Not a date: {date}") from error
        counts = partner_review.run_daily(today)
        self.stdout.write(
            "requested {requested}, reminded {reminded}, flagged {flagged}".format(
                **counts
            )
        )
