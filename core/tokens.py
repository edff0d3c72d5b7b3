"""Opaque, expiring tokens for the links in e-mails and redirects.

A token is the value (an e-mail address, a reference, a sign-up's id)
encrypted and authenticated with Fernet (AES and HMAC, from ``cryptography``)
under a key derived from ``SECRET_KEY`` and the token's purpose: nobody can
read what a link is for, make one, or use one made for another purpose. The
time it was made is inside, so every link expires (``max_age``); keys from
``SECRET_KEY_FALLBACKS`` still open the links made before a key rotation.

Wagtail routes only letters, digits, "-" and "_" in a path segment, so the
"=" padding of Fernet's URL-safe base64 is left off.
"""

import base64
import time

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac


class TokenError(Exception):
    """A token that cannot be used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def _key(secret, purpose):
    digest = salted_hmac(
        f"kentro.tokens.{purpose}", "fernet", secret=secret, algorithm="sha256"
    ).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet(purpose):
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return MultiFernet([_key(secret, purpose) for secret in secrets])


def seal(value, purpose, at=None):
    """A token holding ``value`` (text) for ``purpose``, made now or ``at``
    (a Unix time, for tests)."""
    fernet = _fernet(purpose)
    data = value.encode()
    token = fernet.encrypt_at_time(data, int(at)) if at else fernet.encrypt(data)
    return token.decode("ascii").rstrip("=")


def unseal(token, purpose, max_age):
    """The value of a token made for ``purpose`` at most ``max_age`` seconds
    ago; TokenError("expired") or TokenError("invalid") otherwise."""
    if not isinstance(token, str) or not token.isascii() or len(token) > 4096:
        raise TokenError("invalid")
    padded = (token + "=" * (-len(token) % 4)).encode("ascii")
    fernet = _fernet(purpose)
    try:
        value = fernet.decrypt(padded)
        made = fernet.extract_timestamp(padded)
    except (InvalidToken, ValueError, TypeError) as error:
        raise TokenError("invalid") from error
    if time.time() - made > max_age:
        raise TokenError("expired")
    try:
        return value.decode()
    except UnicodeDecodeError as error:
        raise TokenError("invalid") from error
