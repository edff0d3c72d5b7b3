"""The rules apart from any view: references, status transitions, working
days, the status check and the purge."""

import datetime
import itertools

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from appointments import references, submission, workflow
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest, HistoryEntry
from appointments.workdays import overdue_cutoff
from directory.factories import ClosureFactory
from directory.models import Closure

Status = AppointmentRequest.Status
ATHENS = timezone.get_fixed_timezone(120)


def test_references_are_readable_and_use_no_look_alikes():
    drawn = {references.new_reference() for _ in range(2000)}
    assert len(drawn) == 2000
    for reference in drawn:
        assert references.PATTERN.match(reference.replace("-", ""))
        assert len(reference) == len("KK-7H4K-M2QD")
        assert not set(reference[3:]) & set("01OILSZBUV")


@pytest.mark.parametrize(
    "typed",
    ["KK-7H4K-M2QD", "kk 7h4k m2qd", "7H4KM2QD", " kk7h4km2qd ", "ΚΚ-7Η4Κ-Μ2QD"],
)
def test_reference_is_found_however_it_is_typed(typed):
    assert references.normalise_reference(typed) == "KK-7H4K-M2QD"


@pytest.mark.parametrize("typed", ["", "KK-0000-0000", "KK-7H4K-M2Q", "x" * 50, "🙂"])
def test_impossible_references_are_refused(typed):
    assert references.normalise_reference(typed) == ""


def test_a_repeated_reference_is_drawn_again(db, monkeypatch):
    AppointmentRequestFactory(reference="KK-AAAA-AAAA")
    drawn = iter(["KK-AAAA-AAAA", "KK-CCCC-CCCC"])
    monkeypatch.setattr(submission, "new_reference", lambda: next(drawn))

    request = submission.create_request(
        {"name": "Νίκος", "phone": "+306912345678"}, language="el"
    )

    assert request.reference == "KK-CCCC-CCCC"
    assert AppointmentRequest.objects.count() == 2


def test_the_database_refuses_two_requests_with_one_reference(db):
    AppointmentRequestFactory(reference="KK-AAAA-AAAA")
    with pytest.raises(IntegrityError):
        AppointmentRequestFactory(reference="KK-AAAA-AAAA")


ALL_PAIRS = list(itertools.product(Status.values, Status.values))
ALLOWED = {
    ("new", "contacted"),
    ("new", "cancelled"),
    ("contacted", "scheduled"),
    ("contacted", "cancelled"),
    ("scheduled", "completed"),
    ("scheduled", "no_show"),
    ("scheduled", "cancelled"),
}


def test_the_transition_table_is_the_documented_one():
    table = {
        (old, new) for old, targets in workflow.TRANSITIONS.items() for new in targets
    }
    assert table == ALLOWED


@pytest.mark.parametrize(("old", "new"), ALL_PAIRS)
def test_every_allowed_transition_works_and_every_other_is_refused(
    db, caseworker, old, new
):
    request = AppointmentRequestFactory(status=old)
    when = timezone.now() + datetime.timedelta(days=3)
    if old == new == "scheduled":
        # Not a transition: moving the time (see the next tests); no button.
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.change_status(request, new, caseworker)
        return

    if (old, new) not in ALLOWED:
        with pytest.raises(workflow.TransitionNotAllowed):
            if new == "scheduled":
                workflow.schedule(request, when, caseworker)
            else:
                workflow.change_status(request, new, caseworker)
        request.refresh_from_db()
        assert request.status == old
        assert not request.history.filter(action="status").exists()
        return

    if new == "scheduled":
        workflow.schedule(request, when, caseworker)
    else:
        workflow.change_status(request, new, caseworker)

    request.refresh_from_db()
    assert request.status == new
    entry = request.history.filter(action="status").get()
    assert (entry.old_value, entry.new_value) == (old, new)
    assert entry.user == caseworker
    assert entry.user_name == caseworker.get_full_name() or caseworker.username
    assert (request.closed_at is not None) == (new in workflow.CLOSED)


def test_scheduling_needs_a_time_not_a_status_button(db):
    request = AppointmentRequestFactory(status="contacted")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.change_status(request, "scheduled")
    assert "scheduled" not in workflow.next_statuses(request)


def test_moving_an_appointment_keeps_the_status_and_records_both_times(db):
    request = AppointmentRequestFactory(status="contacted", email="")
    first = timezone.now() + datetime.timedelta(days=2)
    workflow.schedule(request, first)
    workflow.schedule(request, first + datetime.timedelta(days=1))

    request.refresh_from_db()
    assert request.status == "scheduled"
    moves = list(request.history.filter(action="scheduled"))
    assert len(moves) == 2
    assert moves[1].old_value == moves[0].new_value


def test_assigning_and_notes_are_recorded(db, caseworker):
    request = AppointmentRequestFactory()
    workflow.assign(request, caseworker, caseworker)
    workflow.assign(request, caseworker, caseworker)  # no change, no entry
    workflow.add_note(request, "  Θα ξανακαλέσω αύριο. ", caseworker)

    actions = list(request.history.values_list("action", "new_value", "note"))
    assert actions == [
        ("assigned", caseworker.get_full_name() or caseworker.username, ""),
        ("note", "", "Θα ξανακαλέσω αύριο."),
    ]


def test_an_editor_entered_moved_holiday_changes_the_overdue_date():
    # A holiday moved by decision (as Labour Day 2021 was to Tuesday 4 May)
    # is entered by an editor and counts like a national one.
    now = at(2026, 11, 26)  # Thursday
    assert overdue_cutoff(now).date() == datetime.date(2026, 11, 24)
    ClosureFactory(
        starts_on=datetime.date(2026, 11, 24),
        kind=Closure.Kind.HOLIDAY,
        reason="Εργατική Πρωτομαγιά (μεταφορά)",
    )
    # Tuesday 24 is now a holiday: Wednesday 25 and Monday 23 count.
    assert overdue_cutoff(now).date() == datetime.date(2026, 11, 23)


def test_a_national_holiday_moved_away_is_a_working_day_again():
    # Thursday 6 May 2027: Labour Day (Holy Saturday) is observed on Tuesday
    # 4 May after Good Friday and Easter Monday; if it were not moved after all:
    now = at(2027, 5, 6)
    assert overdue_cutoff(now).date() == datetime.date(2027, 4, 29)
    ClosureFactory(
        starts_on=datetime.date(2027, 5, 4),
        kind=Closure.Kind.WORKING_DAY,
        reason="Η Πρωτομαγιά δεν μεταφέρθηκε",
    )
    assert overdue_cutoff(now).date() == datetime.date(2027, 5, 4)


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.mark.parametrize(
    ("now", "cutoff_day"),
    [
        # Thursday 7 May 2026: Tuesday and Wednesday have passed, so requests
        # from Monday 4 May or before are overdue.
        (at(2026, 5, 7), datetime.date(2026, 5, 5)),
        # Wednesday 6 May: Monday and Tuesday passed; Friday's are overdue.
        (at(2026, 5, 6), datetime.date(2026, 5, 4)),
        # Monday 11 May: Thursday and Friday passed.
        (at(2026, 5, 11), datetime.date(2026, 5, 7)),
        # Wednesday 15 April 2026: Easter Monday (13th) is a holiday, so only
        # Tuesday 14 and Thursday 9 count (Good Friday 10th is one too).
        (at(2026, 4, 15), datetime.date(2026, 4, 9)),
    ],
)
def test_overdue_means_two_full_working_days_after_the_day_received(now, cutoff_day):
    cutoff = overdue_cutoff(now)
    assert timezone.localtime(cutoff).date() == cutoff_day
    assert timezone.localtime(cutoff).hour == 0


def test_overdue_requests_are_the_new_ones_received_before_the_cutoff(db):
    now = at(2026, 5, 7)
    monday = AppointmentRequestFactory(created_at=at(2026, 5, 4, 16))
    tuesday = AppointmentRequestFactory(created_at=at(2026, 5, 5, 9))
    AppointmentRequestFactory(created_at=at(2026, 5, 1), status="contacted")

    assert list(workflow.overdue(now=now)) == [monday]
    assert workflow.is_overdue(monday, now) and not workflow.is_overdue(tuesday, now)


def test_status_check_needs_the_reference_and_a_matching_contact(db):
    request = AppointmentRequestFactory(
        reference="KK-7H4K-M2QD", email="eleni@example.org", phone="+306912345678"
    )
    find = submission.find_for_status
    assert find("kk-7h4k-m2qd", "Eleni@Example.org ") == request
    assert find("KK-7H4K-M2QD", "5678") == request
    assert find("KK-7H4K-M2QD", "56 78") == request
    assert find("KK-7H4K-M2QD", "1234") is None
    assert find("KK-7H4K-M2QD", "678") is None
    assert find("KK-7H4K-M2QD", "someone@example.org") is None
    assert find("KK-7H4K-M2QC", "5678") is None
    assert find("", "") is None


def test_status_check_of_a_request_without_email_does_not_match_an_empty_one(db):
    AppointmentRequestFactory(reference="KK-7H4K-M2QD", email="", phone="")
    assert submission.find_for_status("KK-7H4K-M2QD", "@") is None


def test_purge_anonymises_only_requests_closed_long_ago(db, caseworker):
    old = AppointmentRequestFactory(status="completed", message="Προσωπικά.")
    workflow.add_note(old, "Τηλέφωνο γιαγιάς 2721000000", caseworker)
    recent = AppointmentRequestFactory(status="cancelled")
    still_open = AppointmentRequestFactory(status="contacted")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    AppointmentRequest.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        closed_at=long_ago, created_at=long_ago
    )
    AppointmentRequest.objects.filter(pk=recent.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=10)
    )

    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.name, old.phone, old.email, old.message) == ("", "", "", "")
    assert old.status == "completed" and old.reference
    assert not old.history.exclude(note="").exists()
    assert old.history.filter(action=HistoryEntry.Action.ANONYMISED).exists()
    for untouched in (recent, still_open):
        untouched.refresh_from_db()
        assert untouched.name and untouched.anonymised_at is None
    # Once anonymised, the status check finds nothing.
    assert submission.find_for_status(old.reference, "5678") is None


def test_purge_period_is_configurable_and_has_a_dry_run(db, settings):
    request = AppointmentRequestFactory(status="no_show")
    AppointmentRequest.objects.filter(pk=request.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=40)
    )
    assert submission.purge_personal_data(dry_run=True) == 0
    settings.KENTRO_APPOINTMENT_RETENTION_DAYS = 30
    assert submission.purge_personal_data(dry_run=True) == 1
    request.refresh_from_db()
    assert request.anonymised_at is None
    assert submission.purge_personal_data(days=30) == 1
