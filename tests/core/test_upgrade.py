"""A site built with the release before ``core`` and ``search`` were split out
of ``portal`` (af45cff) migrates forward and keeps every row: the models moved
apps, their tables did not.

The old release is taken from git, migrated and seeded with the demo by its own
code, then migrated by this code; both are run as ``manage.py`` in a process of
their own, on SQLite or on the PostgreSQL server the suite uses.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

PREVIOUS_RELEASE = "af45cff69282d90df65367792e70d23e9a9ab507"
BASE_DIR = Path(settings.BASE_DIR)
# Rows that must all still be there, by table (the tables kept their names).
TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "portal_alertbanner",
    "portal_centresettings",
    "portal_searchterm",
    "portal_searchsynonym",
    "directory_location",
    "directory_organisation",
    "directory_category",
    "directory_targetgroup",
    "events_eventoccurrence",
    "appointments_appointmentrequest",
    "appointments_historyentry",
    "volunteers_volunteer",
    "auth_group_permissions",
]
ROW_IDS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    ids = {}
    for table in TABLES:
        cursor.execute(f"SELECT id FROM {table}")
        ids[table] = sorted(row[0] for row in cursor.fetchall())
print(json.dumps(ids))
"""
# What the moved models and recoded values look like to this code.
READ_BACK = """
import json
from django.contrib.auth.models import Group
from core.models import AlertBanner, CentreSettings
from search.models import SearchSynonym
from volunteers.models import Volunteer
from appointments.models import AppointmentRequest
moderators = Group.objects.get(name="Moderators")
print(json.dumps({
    "banners": AlertBanner.objects.count(),
    "centre": CentreSettings.load().name,
    "synonyms": SearchSynonym.objects.count(),
    "moderators_change_banners": moderators.permissions.filter(
        content_type__app_label="core", codename="change_alertbanner").exists(),
    "editors_add_synonyms": Group.objects.get(name="Editors").permissions.filter(
        content_type__app_label="search", codename="add_searchsynonym").exists(),
    "slots": sorted({slot.split("-")[0] for v in Volunteer.objects.all()
                     for slot in v.availability}),
    "days": sorted({day for r in AppointmentRequest.objects.all()
                    for day in r.preferred_days}),
}))
"""


def git(*args):
    return subprocess.run(  # noqa: S603 - git with our own arguments
        [shutil.which("git") or "git", "-C", str(BASE_DIR), *args],
        capture_output=True,
        check=False,
    )


def has_previous_release():
    return git("cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}").returncode == 0


def manage(cwd, env, *args, script=None):
    command = [sys.executable, "manage.py", *args]
    if script is not None:
        command += ["-c", script]
    result = subprocess.run(  # noqa: S603
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def upgrade_database(tmp_path):
    """DATABASE_URL of an empty database for the test, dropped afterwards."""
    current = settings.DATABASES["default"]
    if current["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    name = f"kentro_upgrade_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": current["HOST"] or "127.0.0.1",
        "port": current["PORT"] or 5432,
        "user": current["USER"],
        "password": current["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    user = current["USER"]
    yield f"postgres://{user}@{admin['host']}:{admin['port']}/{name}"
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not has_previous_release(), reason="not a git checkout")
def test_a_site_built_before_the_split_migrates_and_keeps_its_rows(
    tmp_path, upgrade_database
):
    old = tmp_path / "previous"
    old.mkdir()
    archive = tmp_path / "previous.tar"
    assert git("archive", "-o", str(archive), PREVIOUS_RELEASE).returncode == 0
    with tarfile.open(archive) as tar:
        tar.extractall(old, filter="data")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": upgrade_database,
        "TASKS_BACKEND": "immediate",
    }
    manage(old, env, "migrate", "--noinput")
    manage(old, env, "seed_demo")
    read_ids = f"TABLES = {TABLES!r}\n{ROW_IDS}"
    before = json.loads(manage(old, env, "shell", script=read_ids).splitlines()[-1])

    manage(BASE_DIR, env, "migrate", "--noinput")
    after = json.loads(manage(BASE_DIR, env, "shell", script=read_ids).splitlines()[-1])
    seen = json.loads(manage(BASE_DIR, env, "shell", script=READ_BACK).splitlines()[-1])

    # Every row is still there (later migrations may add some of their own).
    assert all(before[table] for table in TABLES), before
    for table in TABLES:
        assert set(before[table]) <= set(after[table]), table
    assert seen["banners"] == len(before["portal_alertbanner"])
    assert seen["synonyms"] >= len(before["portal_searchsynonym"])
    assert seen["centre"]
    assert seen["moderators_change_banners"] and seen["editors_add_synonyms"]
    # Weekdays are numbers now, as every app writes them (core.weekdays).
    assert seen["slots"] and set(seen["slots"]) <= set("0123456")
    assert seen["days"] and set(seen["days"]) <= {0, 1, 2, 3, 4}
