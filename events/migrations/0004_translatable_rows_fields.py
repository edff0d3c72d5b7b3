"""Inline rows visitors read become translatable (#18), step 1 of 3: the
fields, nullable while the existing rows are filled (like Wagtail's own
wagtailcore 0054-0056)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_distribution_days"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventdateexception",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="eventdateexception",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
