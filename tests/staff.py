"""Signing staff in for tests: with their second factor given, as after the
code page, so that a test of the admin need not type a code."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice


def verified_device(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="test device", defaults={"confirmed": True}
    )
    return device


def login_staff(client, user):
    """``client.force_login`` plus a second factor already given."""
    device = verified_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user
