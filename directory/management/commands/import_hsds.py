from django.core.management.base import BaseCommand, CommandError

from directory.hsds.importer import HSDSImportError, import_file


class Command(BaseCommand):
    help = (
        "Create or update (by HSDS id) services, organisations, locations and "
        "taxonomy from an Open Referral HSDS 3.0 JSON file: one service with its "
        "related objects nested, a list of them, or a paged /services response. "
        "All or nothing: every bad record is listed, one line each, and nothing "
        "of the file is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The HSDS JSON file to import.")

    def handle(self, *args, **options):
        try:
            result = import_file(options["file"])
        except HSDSImportError as error:
            raise CommandError(str(error)) from error
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(
            f"Imported {result.total} services: {result.created} created, "
            f"{result.updated} updated, {result.unchanged} unchanged."
        )
