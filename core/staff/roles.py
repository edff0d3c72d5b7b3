"""The staff groups' names as staff read them (#18).

A group's stored name ("Editors") is the key that the code, the settings
(``KENTRO_2FA_REQUIRED_GROUPS``) and the migrations look it up by, so it
stays; the admin shows it in the reader's language ("Συντάκτες" in the Greek
admin): in the groups list, a user's groups, a workflow task's groups.
A group an administrator adds is shown as it is named.
"""

from django.utils.translation import gettext, gettext_noop
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups

# The groups the migrations make (portal, appointments, volunteers, goods).
NAMES = {
    gettext_noop("Editors"),
    gettext_noop("Moderators"),
    gettext_noop("Caseworkers"),
    gettext_noop("Volunteer coordinators"),
    gettext_noop("Goods coordinators"),
}


def display_name(group):
    """``str(group)``: a known group's name translated, any other as stored."""
    return gettext(group.name) if group.name in NAMES else group.name


class GroupIndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "display_name",
            label=groups.IndexView.columns[0].label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        )
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
