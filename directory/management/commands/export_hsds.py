import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.hsds.serialise import export_services


class Command(BaseCommand):
    help = (
        "Write every live, public service as Open Referral HSDS 3.0 JSON: a list of "
        "the objects /api/hsds/services/{id} serves."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the JSON ('-' for stdout).")

    def handle(self, *args, **options):
        services = export_services()
        text = json.dumps(services, ensure_ascii=False, indent=2) + "\n"
        if options["file"] == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(options["file"]).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {options['file']}: {error}") from error
        self.stdout.write(f"Exported {len(services)} services to {options['file']}.")
