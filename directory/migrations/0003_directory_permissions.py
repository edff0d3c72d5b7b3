"""Editors and Moderators keep the directory's snippets up to date."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["category", "municipality", "language", "organisation", "location", "closure"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    actions = {"Editors": ["add", "change"], "Moderators": ["add", "change", "delete"]}
    for group_name, verbs in actions.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{verb}_{model}" for verb in verbs for model in MODELS]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="directory", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_directory_model"),
        ("portal", "0003_site_locales"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
