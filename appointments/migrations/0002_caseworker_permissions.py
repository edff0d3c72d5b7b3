"""Caseworkers work the appointment requests; nobody else on the staff does.

Superusers have every permission anyway. Editors and Volunteer coordinators
get none of these, so the requests' personal data stays with caseworkers.
Caseworkers may not delete a request: closed requests are anonymised by
``purge_personal_data`` instead, so that the statistics stay whole.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CASEWORKERS = "Caseworkers"
CODENAMES = [
    "view_appointmentrequest",
    "add_appointmentrequest",
    "change_appointmentrequest",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name=CASEWORKERS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="appointments", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=CASEWORKERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="appointments", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("portal", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
