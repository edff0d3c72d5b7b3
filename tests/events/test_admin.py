import datetime
import re

import pytest
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from directory import calendar
from directory.factories import ClosureFactory, LocationFactory
from directory.models import Location
from events import closures
from events.factories import EventPageFactory, local_datetime
from events.fields import WeekdaysFormField
from events.models import EventDateException, EventPage
from tests.events.conftest import el
from tests.staff import login_staff

NO_DATE = (
    "These settings produce no date at all: check the days, "
    "the end date and the exceptions."
)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    login_staff(client, user)
    return client


def test_editors_can_open_the_event_form_with_weekday_boxes(editor, index):
    response = editor.get(f"/admin/pages/add/events/eventpage/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="weekdays"' in html
    assert 'name="date_exceptions-TOTAL_FORMS"' in html


def test_editors_can_edit_a_recurring_event(editor, index):
    event = EventPageFactory(parent=index, repeat="weekly", weekdays="1,3")
    html = editor.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    boxes = re.findall(r'<input[^>]*name="weekdays"[^>]*>', html)
    checked = [box for box in boxes if "checked" in box]
    assert len(boxes) == 7
    assert [re.search(r'value="(\d)"', box).group(1) for box in checked] == ["1", "3"]


def test_weekday_boxes_are_stored_as_text(index):

    field = WeekdaysFormField(required=False)
    assert field.clean(["3", "1"]) == "1,3"
    assert field.prepare_value("1,3") == [1, 3]
    assert field.clean([]) == ""


def test_preview_of_an_unsaved_event_renders(rf, index):
    start = local_datetime(timezone.localdate() + datetime.timedelta(days=1), 10)
    event = EventPage(
        title="Νέα εκδήλωση",
        slug="nea",
        summary="Περίληψη",
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    request = rf.get("/")
    context = event.get_context(request)
    assert context["next_occurrences"] == []
    assert '"@type": "Event"' in context["json_ld"]


def event_form(index, **fields):
    """What the event editor posts, with the exceptions given as
    [(date, kind)]."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    exceptions = fields.pop("exceptions", [])
    weekdays = fields.pop("weekdays", [])
    data = {
        "title": "Ημερίδα για το ΚΕΑ",
        "slug": "imerida-kea",
        "kind": EventPage.Kind.EVENT,
        "summary": "Ενημέρωση για το Ελάχιστο Εγγυημένο Εισόδημα.",
        "status": EventPage.Status.SCHEDULED,
        "start": f"{day:%Y-%m-%d} 10:00",
        "end": f"{day:%Y-%m-%d} 12:00",
        "repeat": "",
        "interval": "1",
        "date_exceptions": inline_formset(
            [{"date": f"{d:%Y-%m-%d}", "kind": kind} for d, kind in exceptions]
        ),
        "body": streamfield([]),
        "comments": inline_formset([]),
        **fields,
    }
    return {**nested_form_data(data), "weekdays": weekdays}


def add_event(editor, index, **fields):
    return editor.post(
        f"/admin/pages/add/events/eventpage/{index.pk}/", event_form(index, **fields)
    )


def test_an_editor_can_add_an_event(editor, index):
    response = add_event(editor, index)
    assert response.status_code == 302
    assert EventPage.objects.filter(slug="imerida-kea").exists()


def test_an_end_before_the_start_is_refused_in_the_editor(editor, index):
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = add_event(editor, index, end=f"{day:%Y-%m-%d} 09:00")
    assert response.status_code == 200
    assert el("The event cannot end before it starts.") in response.content.decode()
    assert not EventPage.objects.filter(slug="imerida-kea").exists()


def test_a_rule_without_any_date_is_refused_in_the_editor(editor, index):
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = add_event(
        editor,
        index,
        repeat="weekly",
        weekdays=[str((day.weekday() + 1) % 7)],
        repeat_until=f"{day:%Y-%m-%d}",
    )
    assert response.status_code == 200
    assert el(NO_DATE) in response.content.decode()
    assert not EventPage.objects.filter(slug="imerida-kea").exists()


@pytest.mark.parametrize("repeat", ["", "weekly"])
def test_exceptions_that_leave_out_every_date_are_refused(editor, index, repeat):
    day = timezone.localdate() + datetime.timedelta(days=7)
    week = datetime.timedelta(days=7)
    excluded = EventDateException.Kind.EXCLUDED
    fields = {"exceptions": [(day, excluded)]}
    if repeat:
        fields = {
            "repeat": repeat,
            "weekdays": [str(day.weekday())],
            "repeat_count": "2",
            "exceptions": [(day, excluded), (day + week, excluded)],
        }
    response = add_event(editor, index, **fields)
    assert response.status_code == 200
    assert el(NO_DATE) in response.content.decode()
    assert not EventPage.objects.filter(slug="imerida-kea").exists()


def test_a_cancelled_date_is_not_a_date_left_out(editor, index):
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = add_event(
        editor, index, exceptions=[(day, EventDateException.Kind.CANCELLED)]
    )
    assert response.status_code == 302


def test_the_editor_warns_of_a_date_on_a_holiday_and_cancels_it_in_one_click(
    editor, index
):
    from django.utils import translation

    lessons = EventPageFactory(
        parent=index,
        title="Μαθήματα ελληνικών",
        location=LocationFactory(slug="admin-kentro"),
        start=local_datetime(datetime.date(2027, 3, 18), 17),
        end=local_datetime(datetime.date(2027, 3, 18), 19),
        repeat="weekly",
        repeat_count=3,
    )
    with translation.override("el"):
        html = editor.get(f"/admin/pages/{lessons.pk}/edit/").content.decode()
    assert "25η Μαρτίου" in html
    assert f'formaction="/admin/events/{lessons.pk}/cancel-date/"' in html
    assert 'value="2027-03-25"' in html
    response = editor.post(
        f"/admin/events/{lessons.pk}/cancel-date/", {"date": "2027-03-25"}
    )
    assert response.status_code == 302
    cancelled = lessons.occurrences.get(start__date="2027-03-25")
    assert cancelled.is_cancelled and "25η Μαρτίου" in cancelled.reason
    assert not lessons.occurrences.get(start__date="2027-03-18").is_cancelled
    lessons.refresh_from_db()
    assert lessons.closure_conflicts() == []
    # The exception is in the live revision, so the next publish keeps it.
    assert lessons.date_exceptions.filter(date="2027-03-25").exists()


@pytest.mark.parametrize("date", ["2027-03-18", "nonsense", ""])
def test_a_date_without_a_closure_is_not_cancelled(editor, index, date):
    lessons = EventPageFactory(
        parent=index,
        start=local_datetime(datetime.date(2027, 3, 18), 17),
        end=local_datetime(datetime.date(2027, 3, 18), 19),
        repeat="weekly",
        repeat_count=3,
    )
    response = editor.post(f"/admin/events/{lessons.pk}/cancel-date/", {"date": date})
    assert response.status_code == 302
    assert not lessons.occurrences.filter(status="cancelled").exists()


def test_only_staff_who_may_edit_can_cancel_a_date(client, index, django_user_model):
    lessons = EventPageFactory(parent=index)
    client.force_login(django_user_model.objects.create_user("nobody"))
    response = client.post(
        f"/admin/events/{lessons.pk}/cancel-date/", {"date": "2027-03-25"}
    )
    assert response.status_code in (302, 403)
    assert not lessons.occurrences.filter(status="cancelled").exists()


def test_a_visit_editor_sees_the_dates_holidays_changed(editor, index):

    visit = EventPageFactory(
        parent=index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        location=LocationFactory(slug="admin-stop", kind=Location.Kind.MOBILE_STOP),
        start=local_datetime(datetime.date(2026, 12, 25), 9),
        end=local_datetime(datetime.date(2026, 12, 25), 13),
        repeat="weekly",
        repeat_count=2,
    )
    html = editor.get(f"/admin/pages/{visit.pk}/edit/").content.decode()
    assert "Χριστούγεννα" in html
    assert "cancel-date" not in html


# Saving an event whose dates fall on a holiday or a closure (issue #25):
# the rule (events.closures.clashes) and the warning the editor reads.

MARCH_25 = datetime.date(2027, 3, 25)  # a national holiday, a Thursday


def weekly_lessons(**fields):
    """An unsaved weekly event from 18 March 2027, three dates."""
    return EventPage(
        title="Μαθήματα ελληνικών",
        start=local_datetime(datetime.date(2027, 3, 18), 17),
        end=local_datetime(datetime.date(2027, 3, 18), 19),
        repeat="weekly",
        weekdays=str(MARCH_25.weekday()),
        repeat_count=3,
        **fields,
    )


def test_a_date_on_a_national_holiday_clashes(db):
    with translation.override("el"):
        found = closures.clashes(
            weekly_lessons(), now=local_datetime(datetime.date(2027, 3, 1), 9)
        )
    assert [(c.start, c.cancelled) for c in found] == [
        (local_datetime(MARCH_25, 17), True)
    ]
    assert "25η Μαρτίου" in found[0].reason


def test_a_closure_of_the_place_clashes_and_a_cancelled_date_does_not(db):
    place = LocationFactory(slug="admin-kentro-2")
    april_1 = datetime.date(2027, 4, 1)
    ClosureFactory(location=place, starts_on=april_1, reason="Απολύμανση")
    lessons = weekly_lessons(location=place)
    lessons.date_exceptions.add(
        EventDateException(date=MARCH_25, kind=EventDateException.Kind.CANCELLED)
    )
    found = closures.clashes(lessons, now=local_datetime(datetime.date(2027, 3, 1), 9))
    assert [(c.start.date(), c.reason) for c in found] == [(april_1, "Απολύμανση")]
    # Only the months ahead: a horizon before 1 April leaves it out.
    assert (
        closures.clashes(
            lessons,
            horizon=local_datetime(datetime.date(2027, 3, 30), 0),
            now=local_datetime(datetime.date(2027, 3, 1), 9),
        )
        == []
    )


def coming_weekday_holiday():
    """The next national holiday on a weekday, a week ahead at least, and
    its Greek name."""
    first = timezone.localdate() + datetime.timedelta(days=7)
    with translation.override("el"):
        holidays = calendar.national_holidays(first, first + datetime.timedelta(400))
    return next(
        (day, name) for day, name in sorted(holidays.items()) if day.weekday() < 5
    )


def test_saving_an_event_on_a_holiday_warns_the_editor_and_saves_it(editor, index):
    day, name = coming_weekday_holiday()
    response = add_event(
        editor,
        index,
        start=f"{day:%Y-%m-%d} 10:00",
        end=f"{day:%Y-%m-%d} 12:00",
    )
    assert response.status_code == 302
    assert EventPage.objects.filter(slug="imerida-kea").exists()
    html = editor.get(response["Location"]).content.decode()
    assert "πέφτουν σε αργία ή κλείσιμο" in html
    assert "Ημερίδα για το ΚΕΑ" in html and name in html


def test_saving_an_event_on_ordinary_days_says_nothing_of_closures(editor, index):
    day, _name = coming_weekday_holiday()
    other = day + datetime.timedelta(days=1)
    while other.weekday() >= 5:
        other += datetime.timedelta(days=1)
    response = add_event(
        editor, index, start=f"{other:%Y-%m-%d} 10:00", end=f"{other:%Y-%m-%d} 12:00"
    )
    html = editor.get(response["Location"]).content.decode()
    assert "πέφτουν σε αργία" not in html and "ακυρώνονται ή συντομεύονται" not in html


def test_saving_a_visit_on_a_holiday_tells_the_editor_it_is_cancelled(editor, index):
    day, name = coming_weekday_holiday()
    stop = LocationFactory(slug="admin-stop-2", kind=Location.Kind.MOBILE_STOP)
    response = add_event(
        editor,
        index,
        kind=EventPage.Kind.MOBILE_UNIT_VISIT,
        location=str(stop.pk),
        start=f"{day:%Y-%m-%d} 09:00",
        end=f"{day:%Y-%m-%d} 13:00",
    )
    assert response.status_code == 302
    html = editor.get(response["Location"]).content.decode()
    assert "ακυρώνονται ή συντομεύονται" in html and name in html
