from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """wagtail.users with the groups list of core.staff.roles (Wagtail's
    documented way to replace its group views)."""

    group_viewset = "core.staff.roles.GroupViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth.models import Group

        from core.staff.roles import display_name

        # Every form and message shows a group through str(): the users'
        # and the workflow tasks' group choices, "Group '...' updated".
        Group.__str__ = display_name
        Group.display_name = property(display_name)
