from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.staff import two_factor


class Command(BaseCommand):
    help = (
        "Forget a staff member's second factor (a lost phone and lost recovery "
        "codes): they set it up again at their next login."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        two_factor.remove_devices(user)
        self.stdout.write(f"{username}: two-step verification must be set up again.")
