"""The rules of the second factor, apart from any view.

Devices are django-otp's: a ``TOTPDevice`` for the authenticator app (codes
that change every 30 seconds) and a ``StaticDevice`` holding the single-use
recovery codes. A staff member who has either is asked for a code after the
password; members of the groups that see personal data
(``KENTRO_2FA_REQUIRED_GROUPS``: caseworkers, volunteer and goods coordinators) and
superusers must set one up before they reach anything else.
"""

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


def is_required(user):
    """True for the accounts that must have a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "KENTRO_2FA_REQUIRED_GROUPS", ())
    return user.groups.filter(name__in=groups).exists()


def has_device(user):
    return user_has_device(user, confirmed=True)


def is_verified(user):
    return getattr(user, "is_verified", lambda: False)()


def what_is_needed(user):
    """None when the user may go on; "verify" when a code must be given;
    "setup" when a second factor must first be set up."""
    if not user.is_authenticated or is_verified(user):
        return None
    if has_device(user):
        return "verify"
    if is_required(user):
        return "setup"
    return None


def pending_app_device(user):
    """The authenticator-app device being set up (not yet confirmed by a
    code from the app); the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def confirm_app_device(device, token):
    """Confirm the app device with a code from the app; the new recovery
    codes, or None when the code was not right. Any older app device goes."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user, count=RECOVERY_CODE_COUNT):
    """Replace the user's recovery codes with new ones; each works once."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(count)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME
    ).count()


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def remove_devices(user):
    """Forget the user's second factor (a lost phone): they set it up again
    at their next login."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
