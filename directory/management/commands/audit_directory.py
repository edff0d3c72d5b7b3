from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from directory.audit import audit


class Command(BaseCommand):
    help = (
        "Check the directory for what a visitor would stumble on: short "
        "descriptions, services nobody can contact, malformed e-mail addresses, "
        "web addresses and phones, places without a map point or opening hours. "
        "One line per finding: the record, the field, the problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale",
            default=None,
            help="Only this language's records (e.g. el); default: all.",
        )
        parser.add_argument(
            "--language",
            default="el",
            help="The language of the report (el, en or ar; default el).",
        )

    def handle(self, *args, locale, language, **options):
        chosen = None
        if locale:
            chosen = Locale.objects.filter(language_code=locale).first()
            if chosen is None:
                raise CommandError(f"No such language on this site: {locale}")
        with translation.override(language):
            findings = audit(chosen)
            for finding in findings:
                self.stdout.write(str(finding))
            self.stdout.write(
                ngettext("%(count)d finding.", "%(count)d findings.", len(findings))
                % {"count": len(findings)}
                if findings
                else _("No findings: the directory looks complete.")
            )
