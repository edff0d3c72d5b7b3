"""Inline rows visitors read become translatable (#18), step 3 of 3: locale
and translation key are required and unique together, as TranslatableMixin
declares."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0013_translatable_rows_data")]

    operations = [
        migrations.AlterField(
            model_name="requireddocument",
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
            model_name="requireddocument",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="requireddocument",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="serviceatlocation",
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
            model_name="serviceatlocation",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="serviceatlocation",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="servicecontact",
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
            model_name="servicecontact",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="servicecontact",
            unique_together={("translation_key", "locale")},
        ),
    ]
