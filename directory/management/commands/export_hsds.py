import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.hsds.serialise import export_services
from directory.hsds.tabular import write_package


class Command(BaseCommand):
    help = (
        "Write every live, public service as Open Referral HSDS 3.0: JSON (a list "
        "of the objects /api/hsds/services/{id} serves) or, with --format csv or a "
        "path ending in .zip, the tabular data package (CSV files and "
        "datapackage.json in a folder or a zip)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Where to write ('-' for stdout; a folder or .zip for CSV)."
        )
        parser.add_argument("--format", choices=["json", "csv"], default=None)

    def handle(self, *args, **options):
        services = export_services()
        target = options["file"]
        tabular = options["format"] == "csv" or (
            options["format"] is None and target.lower().endswith(".zip")
        )
        if tabular and target == "-":
            raise CommandError("A tabular package is a folder or a zip, not stdout.")
        text = json.dumps(services, ensure_ascii=False, indent=2) + "\n"
        if target == "-":
            self.stdout.write(text, ending="")
            return
        try:
            if tabular:
                write_package(services, target)
            else:
                Path(target).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {target}: {error}") from error
        self.stdout.write(f"Exported {len(services)} services to {target}.")
