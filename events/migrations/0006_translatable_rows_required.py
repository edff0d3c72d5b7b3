"""Inline rows visitors read become translatable (#18), step 3 of 3: locale
and translation key are required and unique together, as TranslatableMixin
declares."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0005_translatable_rows_data")]

    operations = [
        migrations.AlterField(
            model_name="eventdateexception",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="eventdateexception",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="eventdateexception",
            unique_together={("translation_key", "locale")},
        ),
    ]
