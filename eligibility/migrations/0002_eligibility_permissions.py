"""Editors and Moderators keep the rules; both read the monthly figures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    actions = {
        "Editors": ["add_eligibilityrule", "change_eligibilityrule", "view_monthlytally"],
        "Moderators": [
            "add_eligibilityrule",
            "change_eligibilityrule",
            "delete_eligibilityrule",
            "view_monthlytally",
        ],
    }
    for group_name, codenames in actions.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="eligibility", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0001_initial"),
        ("portal", "0003_site_locales"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
