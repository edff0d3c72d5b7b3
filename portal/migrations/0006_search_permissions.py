"""Editors and Moderators keep search working: synonyms, promoted results,
and the report of queries that found nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": [
        ("portal", ["add", "change", "view"], "searchsynonym"),
        ("portal", ["view"], "unansweredquery"),
        ("wagtailsearchpromotions", ["add", "change", "view"], "searchpromotion"),
    ],
    "Moderators": [
        ("portal", ["add", "change", "delete", "view"], "searchsynonym"),
        ("portal", ["view", "delete"], "unansweredquery"),
        (
            "wagtailsearchpromotions",
            ["add", "change", "delete", "view"],
            "searchpromotion",
        ),
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, verbs, model in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{verb}_{model}" for verb in verbs],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_default_synonyms"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
