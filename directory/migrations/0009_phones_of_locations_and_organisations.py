"""A location's and an organisation's one ``phone`` becomes a list of phones
(HSDS 3.0 lets both have several): each non-empty phone is moved into one phone
row, then the old field goes. Reversible: going back puts the first phone's
number into the old field (the others, extensions and ids are lost, as the
old field could not hold them)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


OWNERS = (
    ("Location", "LocationPhone", "location"),
    ("Organisation", "OrganisationPhone", "organisation"),
)


def phone_to_rows(apps, schema_editor):
    for owner_name, phone_name, key in OWNERS:
        owners = apps.get_model("directory", owner_name).objects.exclude(phone="")
        phones = apps.get_model("directory", phone_name)
        phones.objects.bulk_create(
            phones(**{key: owner}, number=owner.phone.strip(), sort_order=0)
            for owner in owners.only("pk", "phone").iterator()
            if owner.phone.strip()
        )


def rows_to_phone(apps, schema_editor):
    for owner_name, phone_name, key in OWNERS:
        owners = apps.get_model("directory", owner_name)
        phones = apps.get_model("directory", phone_name)
        first = {}
        for phone in phones.objects.order_by("sort_order", "pk"):
            first.setdefault(getattr(phone, f"{key}_id"), phone.number[:100])
        for pk, number in first.items():
            owners.objects.filter(pk=pk).update(phone=number)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_foreign_taxonomy_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="LocationPhone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "sort_order",
                    models.IntegerField(blank=True, editable=False, null=True),
                ),
                ("number", models.CharField(max_length=100, verbose_name="phone number")),
                (
                    "extension",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="extension"
                    ),
                ),
                (
                    "type",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("text", "Text messages"),
                            ("voice", "Voice calls"),
                            ("fax", "Fax"),
                            ("cell", "Mobile phone"),
                            ("video", "Video calls"),
                            ("pager", "Pager"),
                            ("textphone", "Textphone (for deaf people)"),
                        ],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="E.g. when it is answered, or who answers it.",
                        verbose_name="description",
                    ),
                ),
                ("hsds_id", models.UUIDField(blank=True, editable=False, null=True)),
                (
                    "location",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="directory.location",
                    ),
                ),
            ],
            options={
                "verbose_name": "phone",
                "verbose_name_plural": "phones",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="OrganisationPhone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "sort_order",
                    models.IntegerField(blank=True, editable=False, null=True),
                ),
                ("number", models.CharField(max_length=100, verbose_name="phone number")),
                (
                    "extension",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="extension"
                    ),
                ),
                (
                    "type",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("text", "Text messages"),
                            ("voice", "Voice calls"),
                            ("fax", "Fax"),
                            ("cell", "Mobile phone"),
                            ("video", "Video calls"),
                            ("pager", "Pager"),
                            ("textphone", "Textphone (for deaf people)"),
                        ],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="E.g. when it is answered, or who answers it.",
                        verbose_name="description",
                    ),
                ),
                ("hsds_id", models.UUIDField(blank=True, editable=False, null=True)),
                (
                    "organisation",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="directory.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "phone",
                "verbose_name_plural": "phones",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(phone_to_rows, rows_to_phone),
        migrations.RemoveField(
            model_name="location",
            name="phone",
        ),
        migrations.RemoveField(
            model_name="organisation",
            name="phone",
        ),
    ]
