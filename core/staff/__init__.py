"""Staff accounts: a second factor (an authenticator app, with recovery
codes), idle and absolute session limits, and a logout that only a POST does.

The login itself is Wagtail's, throttled by django-axes (settings: AXES_*);
the page-password and password-reset throttles are in ``core.staff.views``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q


def staff_users():
    """The active users who work for the Centre: staff (``is_staff``),
    superusers and members of any group (Editors, Moderators,
    Caseworkers...), ordered by name; not the public's accounts, if any."""
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user):
    """A user as colleagues know them: the full name, else the username."""
    return user.get_full_name() or user.get_username()
