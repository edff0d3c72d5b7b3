"""A database that is locked or too slow to answer, told apart from other
failures, so that the person gets "try again in a moment" (503) and, on a
form, their answers back, rather than a 500 and a lost submission.

The database settings bound the wait (``portal.settings.env.database_config``:
SQLite's busy timeout, PostgreSQL's lock_timeout and statement_timeout), well
inside gunicorn's worker timeout, so no worker is killed while it waits.
"""

from django.db import OperationalError
from django.utils.translation import gettext_lazy as _

# PostgreSQL: lock_not_available, query_canceled (statement_timeout),
# deadlock_detected.
BUSY_SQLSTATES = frozenset({"55P03", "57014", "40P01"})
# SQLite: another connection holds the lock past the busy timeout.
BUSY_SQLITE_MESSAGES = ("database is locked", "database table is locked")
RETRY_AFTER_SECONDS = 10
MESSAGE = _(
    "We could not save your answers just now because the site is very busy. "
    "Nothing was lost: please send the form again in a moment."
)


def is_busy(error):
    """True when ``error`` means the database is locked or timed out."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    text = str(error).lower()
    return any(message in text for message in BUSY_SQLITE_MESSAGES)


def mark_busy(response):
    """A 503 that says when to come back."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
