"""Many people signing up and confirming at once, on PostgreSQL.

Each thread has its own database connection, as each gunicorn worker would.
SQLite serialises writers, so the race only exists on PostgreSQL.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection

from volunteers.models import Volunteer

from .conftest import delete_demo_volunteers, link_from

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True),
]

# 500 (as the issue asks) passes too but takes about 80 s on the 2-core
# machine; KENTRO_CONCURRENT_SIGNUPS=500 runs it.
SIGNUPS = int(os.environ.get("KENTRO_CONCURRENT_SIGNUPS", "100"))
DISTINCT = SIGNUPS // 2
WORKERS = 12
# The demo's volunteers may be in the database too; these are the test's own.
DOMAIN = "concurrency.example.org"


@pytest.fixture
def no_demo_volunteers(db):
    """Transactional: the demo's volunteers are deleted for this test (and the
    flush after it), not in a module's transaction."""
    delete_demo_volunteers()


def in_own_connection(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def test_concurrent_signups_and_confirmations_give_one_volunteer_per_address(
    volunteering, valid_data
):
    from django.test import Client

    url = volunteering["index"].url + "eggrafi/"

    @in_own_connection
    def sign_up(number):
        data = valid_data(
            email=f"person{number % DISTINCT}@{DOMAIN}", name=f"Πρόσωπο {number}"
        )
        address = f"10.{number // 65536}.{number // 256 % 256}.{number % 256}"
        return Client().post(url, data, REMOTE_ADDR=address).status_code

    @in_own_connection
    def confirm(link):
        return Client().post(link.removeprefix("http://testserver")).status_code

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(sign_up, range(SIGNUPS)))
    signed_up = time.monotonic()

    assert statuses == [302] * SIGNUPS
    ours = Volunteer.objects.filter(email__endswith=f"@{DOMAIN}")
    assert ours.filter(status="unconfirmed").count() == SIGNUPS
    assert len(mail.outbox) == SIGNUPS

    # Both sign-ups of an address are confirmed side by side, to race.
    links = sorted(
        (message.to[0], link_from(message, "/epivevaiosi/")) for message in mail.outbox
    )
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        confirmed = list(pool.map(confirm, [link for _email, link in links]))
    finished = time.monotonic()

    assert confirmed == [200] * SIGNUPS
    assert ours.count() == DISTINCT
    assert ours.filter(status="new").count() == DISTINCT
    assert ours.values("email").distinct().count() == DISTINCT
    print(
        f"\n{SIGNUPS} sign-ups in {signed_up - started:.1f} s, "
        f"{SIGNUPS} confirmations in {finished - signed_up:.1f} s"
    )
