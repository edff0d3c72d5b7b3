"""Create the staff groups and the moderation workflow on the site root.

Wagtail's own migrations already make "Editors" (add and edit pages) and
"Moderators" (also publish) with a "Moderators approval" workflow; this one
makes sure they exist whatever happened before, gives them the snippets and
translation rights they need, and adds the groups later features hand their
staff-only data to.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
CASEWORKERS = "Caseworkers"
VOLUNTEER_COORDINATORS = "Volunteer coordinators"

# (app label, codename)
ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
TRANSLATION = [("wagtail_localize", "submit_translation")]
SNIPPETS_FOR_EDITORS = [
    ("portal", "add_alertbanner"),
    ("portal", "change_alertbanner"),
    ("directory", "add_targetgroup"),
    ("directory", "change_targetgroup"),
]
SNIPPETS_FOR_MODERATORS = [
    *SNIPPETS_FOR_EDITORS,
    ("portal", "delete_alertbanner"),
    ("directory", "delete_targetgroup"),
    ("portal", "change_centresettings"),
]
GROUP_PERMISSIONS = {
    EDITORS: ADMIN_ACCESS + TRANSLATION + SNIPPETS_FOR_EDITORS,
    MODERATORS: ADMIN_ACCESS + TRANSLATION + SNIPPETS_FOR_MODERATORS,
    CASEWORKERS: ADMIN_ACCESS,
    VOLUNTEER_COORDINATORS: ADMIN_ACCESS,
}


def create_roles(apps, schema_editor):
    # Permissions for models created in this run don't exist until post_migrate.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)

    create_moderation_workflow(apps)


def create_moderation_workflow(apps):
    """Every page in the tree goes through Moderators before it is published."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root = Page.objects.filter(depth=1).first()
    if root is None or WorkflowPage.objects.filter(page=root).exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Moderators approval", defaults={"content_type": content_type}
    )
    task.groups.add(Group.objects.get(name=MODERATORS))
    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.create(workflow=workflow, page=root)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("directory", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
