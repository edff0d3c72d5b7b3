"""Key facts on a service page: what you get, the limits, the cost to apply
and the application window, as fields editors fill, shown first on the page
and on the printout."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import (
    routablepageurl,
)

from directory.models import ApplicationWindow, ServicePage
from directory.templatetags.directory_tags import euros

TODAY = datetime.date(2026, 11, 30)


def service(catalogue, slug="epidoma-stegasis"):
    return ServicePage.objects.child_of(catalogue).get(slug=slug)


def with_facts(page, **fields):
    values = {
        "benefit": "Για ένα άτομο· +35 € για κάθε άλλο μέλος.",
        "benefit_amount_min": Decimal("70"),
        "benefit_amount_max": Decimal("210"),
        "benefit_frequency": "monthly",
        "income_limit": Decimal("7000"),
        "income_limit_note": "+3.500 € για κάθε άλλο μέλος",
        "assets_limit": Decimal("120000"),
    }
    values.update(fields)
    for name, value in values.items():
        setattr(page, name, value)
    page.save()
    return page


def main_of(response):
    return response.content.decode().split("<main", 1)[1]


def test_key_facts_come_before_who_can_apply(client, catalogue):
    page = with_facts(service(catalogue))
    html = main_of(client.get(page.url))
    facts = html.index('class="key-facts"')
    assert html.index(page.summary) < facts < html.index('id="who"')
    assert "70 € έως 210 € τον μήνα" in html
    assert "7.000 € τον χρόνο για ένα άτομο" in html
    assert "+3.500 € για κάθε άλλο μέλος" in html
    assert "120.000 € για ένα άτομο" in html
    # "Free" is about applying, said once, in the key facts.
    assert "Κανένα: η αίτηση είναι δωρεάν." in html
    assert "Δωρεάν." not in html


def test_key_facts_are_on_the_printout(client, catalogue):
    page = with_facts(service(catalogue))
    html = main_of(client.get(routablepageurl({"request": None}, page, "print")))
    assert "70 € έως 210 € τον μήνα" in html
    assert "7.000 € τον χρόνο για ένα άτομο" in html


def test_key_facts_in_english_and_arabic_formats(client, catalogue, settings):
    page = with_facts(service(catalogue))
    html = main_of(client.get(page.url, HTTP_ACCEPT_LANGUAGE="el"))
    assert "70 €" in html


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (None, None, None),
        (TODAY, TODAY, ApplicationWindow.OPEN),
        (TODAY + datetime.timedelta(days=1), None, ApplicationWindow.NOT_YET),
        (None, TODAY - datetime.timedelta(days=1), ApplicationWindow.CLOSED),
        (None, TODAY + datetime.timedelta(days=30), ApplicationWindow.OPEN),
    ],
)
def test_the_application_window_includes_both_dates(db, opens, closes, expected):
    page = ServicePage(applications_open=opens, applications_close=closes)
    assert page.application_window(TODAY) == expected


def test_an_open_window_says_until_when_and_a_past_one_says_closed(client, catalogue):
    page = service(catalogue)
    page.applications_close = datetime.date.today() + datetime.timedelta(days=10)
    page.save()
    html = main_of(client.get(page.url))
    assert "Ανοιχτές έως" in html
    # As publishing would: the page's cached parts follow the publication.
    page.applications_close = datetime.date.today() - datetime.timedelta(days=1)
    page.last_published_at = timezone.now()
    page.save()
    html = main_of(client.get(page.url))
    assert "Έκλεισαν στις" in html
    assert "key-facts__window--closed" in html


def test_editors_cannot_save_a_range_or_window_that_runs_backwards(db):
    page = ServicePage(
        title="x",
        summary="y",
        benefit_amount_min=Decimal("100"),
        benefit_amount_max=Decimal("50"),
        applications_open=TODAY,
        applications_close=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert set(raised.value.message_dict) == {
        "benefit_amount_max",
        "applications_close",
    }


def test_euros_reads_as_a_greek_amount(settings):
    from django.utils import translation

    with translation.override("el"):
        assert euros(Decimal("1296")) == "1.296 €"
        assert euros(Decimal("54.5")) == "54,50 €"
    assert euros(None) == ""


def test_the_service_page_offers_the_request_at_the_top(client, catalogue, home):
    from appointments.factories import AppointmentPageFactory

    AppointmentPageFactory(parent=home)
    page = service(catalogue)
    html = main_of(client.get(page.url))
    actions = html.index('class="service__actions"')
    assert actions < html.index('id="who"')
    assert "?service=" in html[actions : actions + 400]


def test_the_map_library_is_not_loaded_with_the_page(client, catalogue):
    html = client.get(service(catalogue).url).content.decode()
    # Named for map.js to fetch on request, never loaded by the page itself.
    assert 'src="/static/vendor/leaflet' not in html
    assert 'href="/static/vendor/leaflet' not in html
    assert 'href="geo:' in html
