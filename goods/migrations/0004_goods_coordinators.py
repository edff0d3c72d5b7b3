"""The "Goods coordinators" group: the staff who receive donations see and
update the pledges (and keep the needs list); nobody else sees a donor's
details (portal.0002_staff_roles makes the other groups)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Goods coordinators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("goods", "view_pledge"),
    ("goods", "change_pledge"),
    ("goods", "add_needitem"),
    ("goods", "change_needitem"),
]


def create_group(apps, schema_editor):
    # Permissions for models created in this run don't exist until post_migrate.
    app_config = apps.get_app_config("goods")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=COORDINATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("goods", "0003_donation_pledges"),
        ("goods", "0002_editors_keep_needs_list"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
