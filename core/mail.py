"""E-mail sent by background tasks: tried again later when it fails, and the
failure written where the staff see it.

With the database task backend (production) a failed message is enqueued
again with a growing delay, up to MAX_ATTEMPTS in all; the worker that runs
the queue (``manage.py db_worker``) picks it up when it is due. The immediate
backend (development, tests) cannot wait between attempts, so it tries a few
times at once. Either way the record the message is about was committed
before the first attempt, so a mail failure loses nothing.
"""

import datetime
import logging
import smtplib
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from core.models import CentreSettings
from core.staff_values import in_reader_language

logger = logging.getLogger(__name__)

# Waits between attempts when the task backend can run a task later.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Tries in a row when the backend cannot wait (the immediate backend).
QUICK_ATTEMPTS = 3
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def group_addresses(group_name):
    """The e-mail addresses of the active members of a staff group."""
    users = get_user_model().objects.filter(groups__name=group_name, is_active=True)
    return sorted({user.email for user in users if user.email})


def admin_link(viewname, *args):
    """An absolute link into the admin, for e-mails to staff."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(viewname, args=args)


def render_message(template, context, language):
    """Subject (on one line) and body from ``<template>_subject.txt`` and
    ``<template>.txt``, in the given language."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def in_language(thing, language):
    """A translatable record (a service page, a place) as the person reads it:
    its translation in ``language`` where one exists (a page only once it is
    live), else the default language's; None stays None."""
    if thing is None:
        return None
    with translation.override(language):
        found = in_reader_language(thing)
    if isinstance(found, Page) and not found.live:
        return thing
    return found


def sender(language):
    """The From of an e-mail in ``language``: DEFAULT_FROM_EMAIL's address
    under the centre's name in that language. Greek mail keeps the display
    name configured with the address."""
    if language == settings.LANGUAGE_CODE:
        return settings.DEFAULT_FROM_EMAIL
    name = CentreSettings.load().display_name(language)
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if not name or "@" not in address:
        return settings.DEFAULT_FROM_EMAIL
    username, domain = address.rsplit("@", 1)
    return str(Address(display_name=name, username=username, domain=domain))


def can_run_later(task):
    return task.get_backend().supports_defer


def _stamp():
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


def deliver(message, *, task, args, attempt, label, record_failure, record_success):
    """Send one message for a task; on failure, enqueue the task again later.

    ``args`` are the task's arguments without ``attempt``; ``label`` names the
    message in the staff's record ("confirm", "notify_caseworkers", ...);
    ``record_failure(text)`` and ``record_success()`` keep that record.
    Returns "sent" or "retry scheduled"; raises the last error once every
    attempt has failed, so that the task backend marks the task as failed.
    """
    later = can_run_later(task)
    error = None
    for _try in range(1 if later else QUICK_ATTEMPTS):
        try:
            message.send()
        except MAIL_ERRORS as exc:
            error = exc
            continue
        record_success()
        return "sent"
    if later and attempt < MAX_ATTEMPTS:
        when = timezone.now() + RETRY_DELAYS[attempt - 1]
        task.using(run_after=when).enqueue(*args, attempt=attempt + 1)
        record_failure(
            f"{_stamp()} {label}: {error} "
            f"(attempt {attempt} of {MAX_ATTEMPTS}; next at "
            f"{timezone.localtime(when):%H:%M})"
        )
        logger.warning("E-mail %s failed, attempt %s: %s", label, attempt, error)
        return "retry scheduled"
    record_failure(f"{_stamp()} {label}: {error} (gave up after {attempt} attempts)")
    logger.error("E-mail %s failed for good: %s", label, error)
    raise error
