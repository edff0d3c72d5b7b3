"""E-mail through the database task backend and its worker, as in production:
enqueued after the commit, sent by one pass of ``manage.py db_worker``,
retried later when the mail server fails, and failed for good in the end."""

import datetime
import io
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import AppointmentRequest
from appointments.submission import create_request
from appointments.tasks import CASEWORKERS_GROUP
from core import mail as portal_mail
from volunteers.factories import VolunteerFactory
from volunteers.tasks import send_volunteer_email

pytestmark = pytest.mark.django_db(transaction=True)


class FailingEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def no_caseworkers():
    """Who is a caseworker is this test's to say: a browser test that ran
    earlier on the same database may have left one signed up."""
    group, _ = Group.objects.get_or_create(name=CASEWORKERS_GROUP)
    group.user_set.clear()
    return group


def run_worker():
    call_command(
        "db_worker",
        batch=True,
        reload=False,
        startup_delay=False,
        interval=0,
        verbosity=0,
        stdout=io.StringIO(),
    )


def new_request(email="eleni@example.org"):
    with transaction.atomic():
        return create_request(
            {"name": "Ελένη Δοκιμαστική", "phone": "+306912345678", "email": email},
            language="el",
            page_url="http://testserver/rantevou/",
        )


def test_the_request_enqueues_and_one_worker_pass_sends_the_mail(no_caseworkers):
    caseworker = get_user_model().objects.create_user(
        "caseworker-mail", "maria@example.org", "x"
    )
    no_caseworkers.user_set.add(caseworker)
    request = new_request()

    assert mail.outbox == []  # nothing is sent in the request
    queued = DBTaskResult.objects.ready().values_list("args_kwargs", flat=True)
    assert sorted(task["args"][0] for task in queued) == [
        "confirmation",
        "notify_caseworkers",
    ]

    run_worker()

    assert sorted(message.to for message in mail.outbox) == [
        ["eleni@example.org"],
        ["maria@example.org"],
    ]
    assert all(request.reference in message.subject for message in mail.outbox)
    assert not DBTaskResult.objects.ready().exists()


def test_volunteer_mail_goes_through_the_same_queue():

    volunteer = VolunteerFactory(status="unconfirmed", email="nikos@example.org")
    with transaction.atomic():
        transaction.on_commit(
            lambda: send_volunteer_email.enqueue(
                "confirm", volunteer.pk, "http://testserver/ethelontismos/"
            )
        )
    assert mail.outbox == []

    run_worker()

    assert [message.to for message in mail.outbox] == [["nikos@example.org"]]


def test_mail_failure_is_retried_later_by_the_worker():
    request = new_request()
    with override_settings(EMAIL_BACKEND=f"{__name__}.FailingEmailBackend"):
        run_worker()

    request.refresh_from_db()
    assert "the mail server is down" in request.email_error
    assert "attempt 1 of 5" in request.email_error
    assert request.history.filter(action="email_failed").exists()
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 1  # the confirmation; no caseworkers to notify
    retry = retries.get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)

    run_worker()  # not due yet
    assert mail.outbox == []

    retries.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()

    assert [message.to for message in mail.outbox] == [["eleni@example.org"]]
    request.refresh_from_db()
    assert request.email_error == ""


@override_settings(EMAIL_BACKEND=f"{__name__}.FailingEmailBackend")
def test_the_task_fails_for_good_after_the_last_attempt():
    request = new_request()
    for _attempt in range(portal_mail.MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(
            run_after=timezone.now() - datetime.timedelta(seconds=1)
        )
        run_worker()

    assert not DBTaskResult.objects.filter(status="READY").exists()
    failed = DBTaskResult.objects.failed().get()
    assert "SMTPServerDisconnected" in failed.exception_class_path
    request = AppointmentRequest.objects.get(pk=request.pk)
    assert "gave up after 5 attempts" in request.email_error
