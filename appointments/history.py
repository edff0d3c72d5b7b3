"""The history of a request: who did what and when, one entry a change."""

from appointments.models.requests import HistoryEntry


def user_label(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def record(request, action, user=None, old="", new="", note=""):
    return HistoryEntry.objects.create(
        request=request,
        action=action,
        user=user,
        user_name=user_label(user),
        old_value=str(old)[:100],
        new_value=str(new)[:100],
        note=note,
    )
