"""Many people sending the form at once, on PostgreSQL: every request is
stored, each with its own reference, and nobody sees an error.

Each thread has its own database connection, as each gunicorn worker would.
SQLite serialises writers, so the race only exists on PostgreSQL.
"""

import io
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection

from appointments.models import AppointmentPage, AppointmentRequest

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True),
]

# KENTRO_CONCURRENT_APPOINTMENTS=500 runs the figure; 100 by default
# keeps the everyday run short on the 2-core machine.
SUBMISSIONS = int(os.environ.get("KENTRO_CONCURRENT_APPOINTMENTS", "100"))
WORKERS = 12


def in_own_connection(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


@pytest.fixture
def seeded():
    """The demo centre: an earlier transactional test may have flushed it."""

    if not AppointmentPage.objects.exists():
        call_command("seed_demo", stdout=io.StringIO())
    return AppointmentPage.objects.get(locale__language_code="el")


def test_concurrent_submissions_each_get_a_distinct_reference(seeded, valid_data):
    from django.test import Client

    url = seeded.url

    @in_own_connection
    def submit(number):
        data = valid_data(name=f"Πρόσωπο {number}", email=f"p{number}@example.org")
        address = f"10.{number // 65536}.{number // 256 % 256}.{number % 256}"
        return Client().post(url, data, REMOTE_ADDR=address).status_code

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(submit, range(SUBMISSIONS)))
    elapsed = time.monotonic() - started

    assert statuses == [302] * SUBMISSIONS
    assert AppointmentRequest.objects.count() == SUBMISSIONS
    references = set(AppointmentRequest.objects.values_list("reference", flat=True))
    assert len(references) == SUBMISSIONS
    print(f"\n{SUBMISSIONS} requests in {elapsed:.1f} s")
