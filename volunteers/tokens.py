"""The tokens in the links of volunteers' e-mails: confirming a sign-up and
withdrawing. Both are opaque and expire (core.tokens): the link shows neither
the address nor the sign-up it is for."""

import datetime
import uuid

from django.conf import settings

from core import tokens
from core.forms import normalise_email

CONFIRM_PURPOSE = "volunteers.confirm"
WITHDRAW_PURPOSE = "volunteers.withdraw"
# What the withdrawal form hands to the e-mail task (never the address itself).
WITHDRAWAL_REQUEST_PURPOSE = "volunteers.withdrawal-request"
CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)
WITHDRAWAL_REQUEST_MAX_AGE = datetime.timedelta(days=2)
DEFAULT_WITHDRAWAL_LINK_DAYS = 30


class LinkError(Exception):
    """A link from an e-mail that cannot be used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def withdrawal_link_max_age():
    days = getattr(
        settings, "KENTRO_WITHDRAWAL_LINK_DAYS", DEFAULT_WITHDRAWAL_LINK_DAYS
    )
    return datetime.timedelta(days=days)


def _read(token, purpose, max_age):
    try:
        return tokens.unseal(token, purpose, max_age.total_seconds())
    except tokens.TokenError as error:
        raise LinkError(error.reason) from error


def confirmation_token(volunteer, at=None):
    return tokens.seal(str(volunteer.public_id), CONFIRM_PURPOSE, at=at)


def read_confirmation_token(token):
    """The public id of the sign-up a confirmation link is for."""
    value = _read(token, CONFIRM_PURPOSE, CONFIRMATION_MAX_AGE)
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise LinkError("invalid") from error


def withdrawal_token(email, at=None):
    """A link to withdraw the volunteer with this address, from any e-mail
    they were sent, for KENTRO_WITHDRAWAL_LINK_DAYS days; then they ask for a
    new one."""
    return tokens.seal(normalise_email(email), WITHDRAW_PURPOSE, at=at)


def read_withdrawal_token(token):
    value = _read(token, WITHDRAW_PURPOSE, withdrawal_link_max_age())
    if "@" not in value:
        raise LinkError("invalid")
    return value


def withdrawal_request_token(email):
    return tokens.seal(normalise_email(email), WITHDRAWAL_REQUEST_PURPOSE)


def read_withdrawal_request_token(token):
    return _read(token, WITHDRAWAL_REQUEST_PURPOSE, WITHDRAWAL_REQUEST_MAX_AGE)
