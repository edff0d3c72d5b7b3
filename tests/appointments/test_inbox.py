"""The caseworkers' inbox puts what needs them first and says why."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from appointments.factories import AppointmentRequestFactory
from directory.models import Language

from .test_admin import login_as


def test_inbox_is_most_urgent_first_with_flag_and_language(client, service, centre):
    login_as(client, "Caseworkers")
    now = timezone.now()
    days = datetime.timedelta(days=1)
    make = AppointmentRequestFactory
    closed = make(status="completed", created_at=now - 30 * days)
    contacted = make(status="contacted", created_at=now - 20 * days)
    fresh = make(status="new", created_at=now - days / 24)
    overdue_newer = make(status="new", created_at=now - 6 * days)
    overdue_oldest = make(
        status="new",
        created_at=now - 9 * days,
        language=Language.objects.filter(name="Αραβικά").first()
        or Language.objects.first(),
        needs_interpreter=True,
    )

    html = client.get(reverse("appointments:index")).content.decode()

    order = [
        overdue_oldest,
        overdue_newer,
        fresh,
        contacted,
        closed,
    ]
    positions = [html.index(request.reference) for request in order]
    assert positions == sorted(positions)
    assert html.count("Εκπρόθεσμο") >= 2  # the two overdue rows (and the filter)
    first_row = html[positions[0] : positions[1]]
    assert "Εκπρόθεσμο" in first_row
    assert "χρειάζεται διερμηνέα" in first_row
    between_fresh_and_contacted = html[positions[2] : positions[3]]
    assert "Εκπρόθεσμο" not in between_fresh_and_contacted


def test_service_filter_offers_each_service_once_and_finds_every_locale(
    client, service
):
    english_locale = Locale.objects.get(language_code="en")
    english = service.get_translation_or_none(english_locale)
    assert english is not None, "the demo translates the ΚΕΑ page"
    from_english = AppointmentRequestFactory(service=english)
    elsewhere = AppointmentRequestFactory(service=None)
    login_as(client, "Caseworkers")
    index = reverse("appointments:index")

    html = client.get(f"{index}?service={service.pk}").content.decode()

    assert from_english.reference in html
    assert elsewhere.reference not in html
    start = html.index('name="service"')
    select = html[start : html.index("</select>", start)]
    assert select.count(f'value="{service.pk}"') == 1
    assert f'value="{english.pk}"' not in select
