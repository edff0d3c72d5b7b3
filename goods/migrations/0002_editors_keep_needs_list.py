"""Editors and moderators keep the needs list, as they keep alert banners
(portal.0002_staff_roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Editors": ["add_needitem", "change_needitem"],
    "Moderators": ["add_needitem", "change_needitem", "delete_needitem"],
}


def grant(apps, schema_editor):
    # Permissions for models created in this run don't exist until post_migrate.
    app_config = apps.get_app_config("goods")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="goods", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("goods", "0001_needs_list_and_page"),
        ("portal", "0002_staff_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
