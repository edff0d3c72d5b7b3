"""The rows the migrations make, kept for tests that flush the database.

Django's TransactionTestCase empties every table after a test and runs
post_migrate again, which makes content types and permissions anew but not
what data migrations made: the locales, the staff groups and their
permissions, the moderation workflow. The tests after it in the same worker
(other transactional tests, browser tests signing staff in) need those.
Django's own serialized_rollback cannot be used: it loads the rows over the
demo the session builds, whose site takes the migrations' site's host.
"""

import json

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

_rows = {}
# Loaded first: other rows' saves look content types up and would make them
# anew, under other ids, if they were not there yet.
FIRST = ("contenttypes.contenttype", "auth.permission")


def remember():
    """Serialises the freshly migrated database, before anything is built."""
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] not in FIRST)
    _rows["default"] = json.dumps(rows)


def restore():
    """Loads the migrated rows again if a flush removed them (the Editors
    group, which a data migration makes, is the sign); a no-op otherwise."""
    if Group.objects.filter(name="Editors").exists():
        return
    call_command(
        "flush",
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,  # new rows must not take the restored ids
        verbosity=0,
    )
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(_rows["default"])
    # Content types came back with their first ids; one cached meanwhile
    # would point at nothing.
    ContentType.objects.clear_cache()
