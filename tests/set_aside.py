"""Demo rows set aside once for a whole test module.

The session's database holds the demo centre. Some modules' tests describe
their own calendar, volunteers or directory and so delete the demo's first;
deleting its pages (in three languages, with their revisions, translations
and search entries) took seconds, and was done again for every test. These
helpers do it once per module, in a transaction that is rolled back after
the module's last test, so every test still starts from the same rows and
nothing outlives the module.
"""

import contextlib

import pytest
from django.db import transaction


def is_transactional(request):
    fixtures = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in fixtures or bool(
        marker and marker.kwargs.get("transaction")
    )


@contextlib.contextmanager
def module_transaction(django_db_blocker, set_aside):
    """A transaction around a test module's database tests, rolled back after
    the last of them: what ``set_aside`` does in it (delete demo rows) every
    test of the module sees, and each test's own transaction is a savepoint
    inside it, rolled back to that state after the test. Deleting the demo's
    pages once per module instead of once per test saves seconds a test.

    Not for transactional tests (they commit, and flush afterwards): their
    modules keep the deletion per test."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        # Like Django's TestCase's own: a durable block may open inside it.
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            set_aside()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def not_transactional(request):
    """Fails a transactional test that asked for a module's transaction."""
    if is_transactional(request):
        pytest.fail(
            "A transactional test cannot run inside a module's transaction: "
            "override the fixture that sets demo rows aside in its module."
        )
