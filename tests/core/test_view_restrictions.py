"""Wagtail's page view restrictions hold everywhere a page's content is
shown: lists, the month view, the Mobile Unit schedule, feeds, the
appointment form, search, suggestions, the sitemap and the HSDS API; and a
restriction on a page holds for its translations."""

import json

import pytest
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from appointments.models import AppointmentPage
from core import privacy
from directory.models import ServicePage
from events.models import EventOccurrence, EventPage


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="a-secret",  # noqa: S106
    )


def text(response):
    """The body, with iCalendar's folded lines unfolded."""
    if response.streaming:
        body = b"".join(response.streaming_content).decode()
    else:
        body = response.content.decode()
    return body.replace("\r\n ", "")


def upcoming(kind):
    """A demo event of this kind, in Greek, with a date to come, and its
    English translation if it has one."""
    occurrence = (
        EventOccurrence.objects.live()
        .filter(
            event__kind=kind,
            event__locale__language_code="el",
            start__gte=timezone.now(),
        )
        .exclude(event__status=EventPage.Status.CANCELLED)
        .select_related("event")
        .order_by("start")
        .first()
    )
    assert occurrence is not None, "the demo has an upcoming event of this kind"
    return occurrence


@pytest.fixture
def event(db):
    return upcoming(EventPage.Kind.EVENT).event


@pytest.fixture
def visit(db):
    return upcoming(EventPage.Kind.MOBILE_UNIT_VISIT)


def test_a_restricted_event_leaves_the_list_month_and_feed(client, event):
    first = event.occurrences.filter(start__gte=timezone.now()).first()
    month = timezone.localtime(first.start).strftime("%Y-%m")
    urls = ["/ekdiloseis/", f"/ekdiloseis/?view=month&month={month}"]
    urls.append("/ekdiloseis/feed.ics")
    assert all(event.url in text(client.get(url)) for url in urls)

    restrict(event)

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert event.url not in text(response), url
    page = text(client.get(event.url))
    assert 'name="password"' in page and event.summary[:30] not in page


def test_a_restriction_on_the_events_index_hides_every_event_below(client, event):
    assert event.url in text(client.get("/"))

    restrict(event.get_parent())

    assert event.url not in text(client.get("/"))
    assert not EventOccurrence.objects.live().filter(event=event).exists()


def test_a_restricted_visit_leaves_the_schedule_and_the_appointment_form(client, visit):
    event = visit.event
    page = AppointmentPage.objects.get(locale__language_code="el")
    value = f"visit-{event.pk}-{int(visit.start.timestamp())}"
    assert value in text(client.get(page.url))

    restrict(event, PageViewRestriction.LOGIN)

    assert value not in text(client.get(page.url))
    assert not EventOccurrence.objects.live().filter(event=event).exists()
    assert event.url not in text(client.get("/kiniti-monada/"))


def test_a_restricted_service_leaves_the_form_search_suggestions_sitemap_and_api(
    client, db
):
    service = (
        ServicePage.objects.live()
        .filter(locale__language_code="el", accepts_appointments=True)
        .order_by("pk")
        .first()
    )
    page = AppointmentPage.objects.get(locale__language_code="el")
    directory = service.get_parent()
    option = f'<option value="{service.pk}">{escape(service.title)}</option>'

    def get(url, **params):
        return text(client.get(url, params))

    checks = {
        "form": lambda: option in get(page.url),
        "search": lambda: service.url in get("/anazitisi/", q=service.title),
        "directory": lambda: service.url in get(directory.url, q=service.title),
        "suggestions": lambda: (
            service.url
            in json.dumps(
                json.loads(get(f"{directory.url}protaseis/", q=service.title))
            )
        ),
        "sitemap": lambda: service.url in get("/sitemap.xml"),
        "api": lambda: service.title in get("/api/hsds/services/", per_page=100),
    }
    assert {name: check() for name, check in checks.items()} == dict.fromkeys(
        checks, True
    )

    restrict(service, PageViewRestriction.GROUPS)

    assert {name: check() for name, check in checks.items()} == dict.fromkeys(
        checks, False
    )


def test_a_restriction_holds_for_the_translations(client, db):
    service = next(
        page
        for page in ServicePage.objects.live().filter(locale__language_code="el")
        if page.get_translations().live().filter(locale__language_code="en").exists()
    )
    english = service.get_translations().get(locale__language_code="en")
    assert client.get(english.url).status_code == 200
    assert privacy.is_public(english)

    restriction = restrict(service)

    assert not privacy.is_public(english)
    page = text(client.get(english.url))
    assert 'name="password"' in page and english.summary[:30] not in page
    assert english.url not in text(client.get("/sitemap.xml"))
    assert english.url not in text(client.get(english.get_parent().url))
    # The password of the Greek page opens the English one too.
    form_url = f"/_util/authenticate_with_password/{restriction.pk}/{english.pk}/"
    client.post(form_url, {"password": "a-secret", "return_url": english.url})
    assert english.summary[:40] in text(client.get(english.url))
