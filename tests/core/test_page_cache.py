"""The anonymous full-page cache (#21, core.pagecache): a visitor gets the
stored page until something it shows changes, whether by an edit (a
publish, a closure, an alert) or by the clock (an alert's window, midnight,
"open now", an event ending); staff, forms and junk never enter it."""

import datetime
import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from core import chrome, pagecache
from core.factories import AlertBannerFactory
from directory.factories import ClosureFactory
from directory.models import ServicePage
from directory.models.locations import OpeningHours
from events.models import EventOccurrence

pytestmark = pytest.mark.django_db

ATHENS = datetime.timezone(datetime.timedelta(hours=2))  # winter time


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.KENTRO_PAGE_CACHE = True
    settings.KENTRO_PAGE_CACHE_SLOTS = 5000


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() as the test sets it (``clock.now = ...``)."""

    class Clock:
        now = timezone.now()

    def now():
        return Clock.now

    monkeypatch.setattr(timezone, "now", now)
    return Clock


def get(client, url, **headers):
    """(response, the number of database queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def body(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


def page_entries():
    return [key for key in cache._cache if pagecache.PREFIX in key]


def test_a_second_visitor_gets_the_stored_page_without_the_database(client):
    first, queries = get(client, "/")
    assert first.status_code == 200 and queries > 0
    second, queries = get(client, "/")
    assert second.status_code == 200
    assert queries == 0
    assert body(second) == body(first)
    # The headers every middleware set come with it.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "el"


def test_each_language_is_its_own_page(client):
    greek = body(client.get("/"))
    english = body(client.get("/en/"))
    arabic = body(client.get("/ar/"))
    assert '<html lang="el"' in greek
    assert '<html lang="en"' in english
    assert '<html lang="ar" dir="rtl"' in arabic
    assert body(client.get("/en/")) == english


def test_a_browser_that_accepts_gzip_gets_the_stored_compressed_page(client):
    plain = body(client.get("/"))
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert body(response) == plain
    assert response["Vary"] == "Accept-Encoding"


def test_a_proxy_may_keep_the_page_and_a_browser_revalidates_it(client, settings):
    settings.KENTRO_PROXY_MAX_AGE = 60
    first = client.get("/")
    directives = {part.strip() for part in first["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60", "must-revalidate"} <= directives
    assert first["Vary"] == "Accept-Encoding"  # not Cookie, not Accept-Language
    assert first["ETag"].startswith('W/"') and first.has_header("Last-Modified")
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    stale = client.get("/", HTTP_IF_NONE_MATCH='W/"not-this-one"')
    assert stale.status_code == 200


def test_the_proxy_keeps_a_page_no_longer_than_its_truth(client, clock, settings):
    settings.KENTRO_PROXY_MAX_AGE = 3600
    clock.now = datetime.datetime(2026, 12, 7, 23, 59, 30, tzinfo=ATHENS)
    response = client.get("/")
    # Midnight, or sooner should a demo event start or end before it.
    s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"])[1])
    assert 0 < s_maxage <= 30


def test_staff_neither_get_nor_fill_the_cache(client, admin_user):
    client.force_login(admin_user)
    staff = client.get("/")
    assert "private" in staff["Cache-Control"]
    assert not page_entries()
    client.logout()
    client.cookies.clear()
    _response, queries = get(client, "/")
    assert queries > 0  # drawn for the visitor, not the staff member's page


def test_a_page_with_a_form_is_never_stored(client):
    response, _queries = get(client, "/ethelontismos/eggrafi/")
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in body(response)
    assert "public" not in response.get("Cache-Control", "")
    _again, queries = get(client, "/ethelontismos/eggrafi/")
    assert queries > 0
    assert not page_entries()


def test_tracking_parameters_share_the_page_and_junk_is_not_stored(client):
    client.get("/")
    _response, queries = get(client, "/?utm_source=sms&fbclid=abc")
    assert queries == 0
    entries = len(page_entries())
    for number in range(20):
        client.get(f"/?junk={number}")
        client.get(f"/ekdiloseis/?nonsense={number}")
    assert len(page_entries()) <= entries + 1  # the events list itself


def test_junk_addresses_add_nothing_to_any_cache(client):
    """404s, unknown parameters and unknown filter values leave every cache
    (pages, fragments) as it was: a client cannot fill Redis."""
    for url in ("/no-such-page/", "/ekdiloseis/?nonsense=0", "/anazitisi/?q=x&z=0"):
        client.get(url)
    before = len(cache._cache)
    for number in range(1, 30):
        assert client.get(f"/no-such-page-{number}/").status_code == 404
        client.get(f"/ekdiloseis/?nonsense={number}")
        client.get(f"/ekdiloseis/?when=later{number}")
        client.get(f"/anazitisi/?q=x&z={number}")
    assert len(cache._cache) <= before + 2


def test_the_cache_holds_no_more_pages_than_its_slots(client, settings):
    settings.KENTRO_PAGE_CACHE_SLOTS = 3
    for service in ServicePage.objects.live().filter(locale__language_code="el")[:12]:
        client.get(service.url)
    assert 0 < len(page_entries()) <= 3


def test_a_publish_shows_on_the_next_request(client):
    service = ServicePage.objects.live().filter(locale__language_code="el").first()
    assert service.title in body(client.get(service.url))
    service.title = "Νέος τίτλος της υπηρεσίας"
    service.save_revision().publish()
    assert "Νέος τίτλος της υπηρεσίας" in body(client.get(service.url))


def test_an_unpublished_page_is_gone_on_the_next_request(client):
    service = ServicePage.objects.live().filter(locale__language_code="el").first()
    assert client.get(service.url).status_code == 200
    service.unpublish()
    assert client.get(service.url).status_code == 404


def test_an_alert_appears_and_goes_at_its_times(client, clock):
    start = timezone.localtime().replace(second=0, microsecond=0)
    clock.now = start
    AlertBannerFactory(
        title="Κλειστό λόγω απεργίας",
        starts_at=start + datetime.timedelta(minutes=10),
        ends_at=start + datetime.timedelta(minutes=40),
    )
    assert "Κλειστό λόγω απεργίας" not in body(client.get("/"))
    # (Whether drawn again or not: a demo event may start or end meanwhile.)
    clock.now = start + datetime.timedelta(minutes=9, seconds=59)
    assert "Κλειστό λόγω απεργίας" not in body(client.get("/"))
    clock.now = start + datetime.timedelta(minutes=10)
    assert "Κλειστό λόγω απεργίας" in body(client.get("/"))
    clock.now = start + datetime.timedelta(minutes=40)
    assert "Κλειστό λόγω απεργίας" not in body(client.get("/"))


def test_an_edited_alert_shows_on_the_next_request(client):
    assert "Νερό: διακοπή υδροδότησης" not in body(client.get("/en/"))
    AlertBannerFactory(title="Νερό: διακοπή υδροδότησης")
    assert "Νερό: διακοπή υδροδότησης" in body(client.get("/en/"))


@pytest.fixture
def place(db):
    """A demo service's first place, open Monday 09:00–15:00 only."""
    service = (
        ServicePage.objects.live()
        .filter(locale__language_code="el")
        .annotate(places=Count("service_locations"))
        .filter(places=1)
        .first()
    )
    location = service.service_locations.first().location
    location.opening_hours.all().delete()
    OpeningHours.objects.create(
        location=location,
        weekday=0,
        opens=datetime.time(9),
        closes=datetime.time(15),
    )
    location.save()  # as the editor's form does: the chrome's version moves
    return service, location


@pytest.fixture(params=[True, False], ids=["whole-page", "places-only"])
def either_cache(request, settings):
    """The stored page, or (page cache off) the service page's stored "Where
    to go" section, which follows the same moments
    (directory.views.where_to_go)."""
    settings.KENTRO_PAGE_CACHE = request.param


def badge(html):
    return "Open now" if "badge--open" in html else "Closed now"


def today_line(html):
    """The place's "now · today" line, as its text."""
    return html.split('class="place__today">', 1)[1].split("</p>", 1)[0]


def test_open_now_changes_at_the_minute_the_place_opens_and_closes(
    client, clock, place, either_cache
):
    service, _location = place
    monday = datetime.date(2026, 12, 7)
    clock.now = datetime.datetime.combine(monday, datetime.time(8, 30), ATHENS)
    assert badge(body(client.get(service.url))) == "Closed now"
    clock.now = datetime.datetime.combine(monday, datetime.time(8, 59, 59), ATHENS)
    assert badge(body(client.get(service.url))) == "Closed now"
    clock.now = datetime.datetime.combine(monday, datetime.time(9), ATHENS)
    assert badge(body(client.get(service.url))) == "Open now"
    clock.now = datetime.datetime.combine(monday, datetime.time(15), ATHENS)
    assert badge(body(client.get(service.url))) == "Closed now"


def test_a_closure_added_shows_on_the_next_request(client, clock, place, either_cache):
    service, location = place
    monday = datetime.date(2026, 12, 7)
    clock.now = datetime.datetime.combine(monday, datetime.time(10), ATHENS)
    assert badge(body(client.get(service.url))) == "Open now"
    ClosureFactory(
        location=location, starts_on=monday, ends_on=monday, reason="Απολύμανση"
    )
    html = body(client.get(service.url))
    assert badge(html) == "Closed now" and "Απολύμανση" in html


def test_midnight_changes_what_today_means(client, clock, place, either_cache):
    service, _location = place
    sunday = datetime.date(2026, 12, 6)
    clock.now = datetime.datetime.combine(sunday, datetime.time(23, 59), ATHENS)
    assert "Κλειστά σήμερα" in today_line(body(client.get(service.url)))
    clock.now = datetime.datetime.combine(
        sunday + datetime.timedelta(days=1), datetime.time(0, 0, 1), ATHENS
    )
    assert "09:00–15:00" in today_line(body(client.get(service.url)))


def test_a_service_pages_places_are_drawn_once(client, place, settings):
    settings.KENTRO_PAGE_CACHE = False
    service, _location = place
    client.get(service.url)
    with CaptureQueriesContext(connection) as queries:
        html = body(client.get(service.url))
    assert "Where to go" in html or "Πού θα πάτε" in html
    tables = ("serviceatlocation", "location", "openinghours", "closure")
    assert not [
        query
        for query in queries
        if any(f'"directory_{table}"' in query["sql"] for table in tables)
    ]


def test_a_preview_shows_the_drafts_places(client, place, settings):
    """The stored section is the live page's: a preview draws its own."""
    settings.KENTRO_PAGE_CACHE = False
    service, location = place
    assert location.name in body(client.get(service.url))
    draft = ServicePage.objects.get(pk=service.pk)
    draft.service_locations = []
    html = draft.make_preview_request().content.decode()
    assert service.title in html and location.name not in html


def upcoming_on_home(html):
    """The event addresses in the home page's "Upcoming events", in order."""
    section = html.split('id="upcoming-events-heading"', 1)[1].split("</section>")[0]
    return re.findall(r'class="occurrence__title"><a href="([^"]+)"', section)


def next_events(now, count=3):
    greek = Locale.objects.get(language_code="el")
    return [
        occurrence.event.url
        for occurrence in EventOccurrence.objects.live()
        .public_events()
        .in_locale(greek.pk)
        .upcoming(now)
        .select_related("event")[:count]
    ]


def test_an_event_leaves_the_home_page_when_it_ends(client, clock):
    """The first of the next three events ends: the next request lists the
    following one, although nothing was edited."""
    shown = (
        EventOccurrence.objects.live()
        .public_events()
        .filter(event__locale__language_code="el")
        .upcoming(timezone.now())[:3]
    )
    first = min(shown, key=lambda occurrence: occurrence.end)
    clock.now = first.end - datetime.timedelta(minutes=1)
    before = next_events(clock.now)
    assert upcoming_on_home(body(client.get("/"))) == before
    clock.now = first.end + datetime.timedelta(seconds=1)
    after = next_events(clock.now)
    assert after != before
    assert upcoming_on_home(body(client.get("/"))) == after


def test_a_version_bump_retires_every_stored_page(client):
    client.get("/")
    client.get("/en/")
    chrome.bump()
    _response, queries = get(client, "/en/")
    assert queries > 0


def test_pages_are_drawn_while_redis_is_down(client, monkeypatch):
    """The shared cache unreachable: every request is drawn from the
    database (nothing stored, nothing read), never a 500."""
    from django.test import override_settings

    from core import cache as forgiving
    from portal.settings import env

    monkeypatch.setitem(forgiving._state, "down_until", float("-inf"))
    with override_settings(CACHES=env.cache_config("redis://127.0.0.1:1/0")):
        for path in ("/", "/en/", "/programmata-ypiresies/", "/"):
            response, queries = get(client, path)
            assert response.status_code == 200 and queries > 0
