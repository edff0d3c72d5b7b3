"""Inline rows visitors read become translatable (#18), step 2 of 3: each
row takes its page's locale and a translation key shared with the row it
translates (core.translation_rows.populate)."""

from django.db import migrations

from core.translation_rows import migration_step


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_translatable_rows_fields")]

    operations = [
        migrations.RunPython(
            migration_step("directory", "requireddocument", "service"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            migration_step("directory", "serviceatlocation", "service"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            migration_step("directory", "servicecontact", "service"), migrations.RunPython.noop
        ),
    ]
