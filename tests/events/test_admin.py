import datetime
import re

import pytest
from django.utils import timezone

from events.factories import EventPageFactory, local_datetime
from events.models import EventPage


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
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
    from events.fields import WeekdaysFormField

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
