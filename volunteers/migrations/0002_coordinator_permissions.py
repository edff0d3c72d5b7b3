"""Volunteer coordinators look after volunteers; nobody else on the staff does.

Superusers have every permission anyway. Editors and Caseworkers get none of
these, so the volunteers' personal data stays with the coordinators.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Volunteer coordinators"
CODENAMES = [
    "view_volunteer",
    "change_volunteer",
    "delete_volunteer",
    "view_volunteerwithdrawal",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name=COORDINATORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="volunteers", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="volunteers", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("portal", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
