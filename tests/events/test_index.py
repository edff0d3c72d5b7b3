import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.demo import ensure_translation
from directory.factories import (
    CategoryFactory,
    LocationFactory,
    MunicipalityFactory,
    TargetGroupFactory,
)
from events.factories import EventPageFactory, local_datetime
from events.models import EventPage
from tests.events.conftest import el

MAX_QUERIES_PER_PAGE = 12


def days_from_today(days, hour=10):
    return local_datetime(timezone.localdate() + datetime.timedelta(days=days), hour)


def event_on(index, days, **kwargs):
    start = days_from_today(days, kwargs.pop("hour", 10))
    return EventPageFactory(
        parent=index, start=start, end=start + datetime.timedelta(hours=2), **kwargs
    )


def text(response):
    return response.content.decode()


def test_upcoming_events_are_grouped_by_day_in_greek(client, index):
    event_on(index, 2, title="Ημερίδα για το ΚΕΑ")
    event_on(index, 40, title="Θεατρικό εργαστήρι")
    event_on(index, -3, title="Παλιά εκδήλωση")
    html = text(client.get("/ekdiloseis/"))
    assert "Ημερίδα για το ΚΕΑ" in html and "Θεατρικό εργαστήρι" in html
    assert "Παλιά εκδήλωση" not in html
    # Month names in the genitive, as Greek dates are written.
    later = timezone.localdate() + datetime.timedelta(days=40)
    genitive = [
        "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
        "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου",
    ]  # fmt: skip
    assert f"{later.day} {genitive[later.month - 1]} {later.year}" in html


def test_english_dates_on_the_english_site(client, index, locales):

    event = event_on(index, 2, title="Ημερίδα")
    ensure_translation(index.get_parent(), locales["en"], title="Home")
    ensure_translation(index, locales["en"], title="Events")
    translated = ensure_translation(event, locales["en"], title="Information day")
    assert translated.occurrences.count() == 1
    html = text(client.get("/en/ekdiloseis/"))
    day = timezone.localdate() + datetime.timedelta(days=2)
    assert "Information day" in html
    assert day.strftime("%B") in html


def test_past_events_are_listed_newest_first(client, index):
    event_on(index, -10, title="Πριν δέκα μέρες")
    event_on(index, -2, title="Πριν δύο μέρες")
    html = text(client.get("/ekdiloseis/?when=past"))
    assert html.index("Πριν δύο μέρες") < html.index("Πριν δέκα μέρες")


def test_filters_by_category_audience_and_municipality(client, index):
    culture = CategoryFactory(slug="politismos", name="Πολιτισμός")
    roma = TargetGroupFactory(slug="roma", name="Ρομά")
    mani = MunicipalityFactory(slug="dytiki-mani", name="Δυτική Μάνη")
    stoupa = LocationFactory(slug="stoupa", name="Στούπα", municipality=mani)
    event_on(index, 1, title="Συναυλία", categories=[culture])
    event_on(index, 1, title="Ενημέρωση Ρομά", audience=[roma])
    event_on(index, 1, title="Στάση στη Στούπα", location=stoupa)
    event_on(index, 1, title="Διαδικτυακό σεμινάριο", online_url="https://meet.example")

    def titles(query):
        html = text(client.get(f"/ekdiloseis/?{query}"))
        found = ["Συναυλία", "Ενημέρωση Ρομά", "Στάση στη Στούπα", "Διαδικτυακό"]
        return [title for title in found if title in html]

    assert titles("category=politismos") == ["Συναυλία"]
    assert titles("audience=roma") == ["Ενημέρωση Ρομά"]
    assert titles("municipality=dytiki-mani") == ["Στάση στη Στούπα"]
    assert titles("location=stoupa") == ["Στάση στη Στούπα"]
    assert titles("attendance=online") == ["Διαδικτυακό"]
    assert titles("attendance=in_person") == ["Στάση στη Στούπα"]


def test_date_filters(client, index):
    event_on(index, 0, hour=23, title="Απόψε")
    event_on(index, 45, title="Σε ενάμιση μήνα")
    assert "Απόψε" in text(client.get("/ekdiloseis/?when=today"))
    assert "Σε ενάμιση μήνα" not in text(client.get("/ekdiloseis/?when=month"))
    later = timezone.localdate() + datetime.timedelta(days=45)
    html = text(client.get(f"/ekdiloseis/?start={later}&end={later}"))
    assert "Σε ενάμιση μήνα" in html and "Απόψε" not in html


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-13-45",
        "start=yesterday&end=%00",
        "when=sometime",
        "category=no-such-thing",
        "page=-1",
        "view=month&month=2026-99",
        "view=month&month=abc",
        "view=month&month=0001-01",
        "start=0001-01-01",
        "end=9999-12-31",
        "when=range&start=0001-01-01&end=9999-12-31",
        "start=2026-02-30",
        "municipality=%00",
    ],
)
def test_malformed_input_is_ignored_with_a_message(client, index, query):
    event_on(index, 1, title="Ημερίδα")
    response = client.get(f"/ekdiloseis/?{query}")
    assert response.status_code == 200
    if "page" not in query:
        assert 'id="filter-messages"' in text(response)


@pytest.mark.parametrize("view", ["", "&view=month"])
def test_reversed_dates_are_ignored_with_a_message(client, index, view):
    event_on(index, 1, title="Ημερίδα")
    response = client.get(f"/ekdiloseis/?start=2026-12-10&end=2026-12-01{view}")
    html = text(response)
    assert response.status_code == 200
    assert (
        el("The end date was before the start date, so the dates were ignored.") in html
    )
    if not view:
        assert "Ημερίδα" in html


@pytest.mark.parametrize("page", ["abc", "0", "99999", "1e9", "2.5"])
def test_a_page_number_out_of_range_shows_a_page(client, index, page):
    event_on(index, 1, title="Ημερίδα")
    response = client.get(f"/ekdiloseis/?page={page}")
    assert response.status_code == 200
    assert "Ημερίδα" in text(response)


def test_a_helpful_message_when_nothing_matches(client, index):
    html = text(client.get("/ekdiloseis/?when=today"))
    assert el("No events match your choices.") in html
    assert 'href="?when=past"' in html


def test_list_is_paginated(client, index):
    for n in range(25):
        event_on(index, 1 + n, title=f"Σεμινάριο {n:02d}", slug=f"seminario-{n}")
    first = text(client.get("/ekdiloseis/"))
    second = text(client.get("/ekdiloseis/?page=2"))
    assert "Σεμινάριο 00" in first and "Σεμινάριο 24" not in first
    assert "Σεμινάριο 24" in second


def test_month_view_is_a_list_of_days_with_month_links(client, index):
    """A list of days (seven columns on a wide screen, one on a phone), not
    a table that a phone must scroll sideways."""
    event_on(index, 1, title="Ημερίδα")
    month = timezone.localdate().strftime("%Y-%m")
    html = text(client.get(f"/ekdiloseis/?view=month&month={month}"))
    assert '<ol class="plain-list month month--starts-' in html
    assert "<table" not in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    day = timezone.localdate() + datetime.timedelta(days=1)
    if day.strftime("%Y-%m") == month:
        assert "Ημερίδα" in html


def test_month_view_keeps_the_filters_in_its_links(client, index):
    html = text(client.get("/ekdiloseis/?view=month&month=2026-01&category=x"))
    assert "month=2025-12" in html and "month=2026-02" in html
    assert "category=x" in html


def test_month_view_shows_cancelled_and_postponed_events(client, index):
    event_on(index, 0, hour=23, title="Ακυρωμένη", status=EventPage.Status.CANCELLED)
    event_on(index, 0, hour=23, title="Αναβληθείσα", status=EventPage.Status.POSTPONED)
    html = text(client.get("/ekdiloseis/?view=month"))
    assert f"({el('cancelled')})" in html and f"({el('postponed')})" in html


@pytest.mark.parametrize(
    "query", ["", "?view=month", "?when=past", "?category=a&audience=b&when=week"]
)
def test_queries_stay_within_budget_and_do_not_grow(client, index, query):
    def count():
        client.get(f"/ekdiloseis/{query}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/ekdiloseis/{query}").status_code == 200
        return len(queries)

    location = LocationFactory(slug="kardamyli", municipality=MunicipalityFactory())
    event_on(index, -1, location=location, repeat="daily", repeat_count=3)
    few = count()
    for n in range(10):
        event_on(index, -5 + n, location=location, slug=f"e-{n}", repeat="daily")
    assert count() == few
    assert few <= MAX_QUERIES_PER_PAGE


def test_filtering_the_month_view_stays_on_that_month(client, index):
    html = text(client.get("/ekdiloseis/?view=month&month=2027-03"))
    assert '<input type="hidden" name="month" value="2027-03">' in html
    assert '<input type="hidden" name="view" value="month">' in html


def test_a_busy_day_in_the_month_view_links_to_its_list(client, index):
    for n in range(6):
        event_on(index, 1, hour=9 + n, title=f"Εργαστήρι {n}", slug=f"ergastiri-{n}")
    day = timezone.localdate() + datetime.timedelta(days=1)
    html = text(client.get(f"/ekdiloseis/?view=month&month={day:%Y-%m}"))
    assert "Εργαστήρι 3" in html and "Εργαστήρι 4" not in html
    assert f"start={day}&amp;end={day}" in html


def test_the_filters_are_folded_and_the_events_come_first(client, index):
    event_on(index, 2, title="Ημερίδα για το ΚΕΑ")
    html = text(client.get("/ekdiloseis/"))
    assert '<details class="event-filters">' in html  # folded: no "open"
    assert '<summary class="event-filters__toggle">Φίλτρα</summary>' in html
    # The form works inside the <details> without JavaScript.
    folded = html.split('<details class="event-filters">', 1)[1].split("</details>")[0]
    assert '<form method="get"' in folded and 'type="submit"' in folded


def test_the_filters_are_open_when_one_is_in_use(client, index):
    html = text(client.get("/ekdiloseis/?when=past"))
    assert '<details class="event-filters" open>' in html
    assert "Φίλτρα (ενεργά)" in html


def test_the_filters_are_open_when_a_choice_was_not_understood(client, index):
    html = text(client.get("/ekdiloseis/?start=not-a-date"))
    assert '<details class="event-filters" open>' in html
