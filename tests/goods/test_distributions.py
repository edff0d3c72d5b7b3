"""Distribution days are events of their own kind: on the needs page, in
the events lists, with who may come and what to bring."""

import pytest

from events.choices import EventKind
from events.factories import EventPageFactory
from events.models import EventIndexPage, EventOccurrence, EventPage, MobileUnitPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def distribution(demo_site):
    index = EventIndexPage.objects.get(locale__language_code="el")
    page = EventPageFactory(
        parent=index,
        slug="dianomi-dekemvriou",
        title="Διανομή τροφίμων Δεκεμβρίου",
        kind=EventKind.DISTRIBUTION,
        who_can_come="Οικογένειες εγγεγραμμένες στο Κοινωνικό Παντοπωλείο.",
        what_to_bring="Κάρτα Κοινωνικού Παντοπωλείου\nΤσάντα για τα τρόφιμα",
    )
    page.save_revision().publish()
    return page


def test_needs_page_lists_the_next_distribution_day(
    client, demo_needs_page, distribution
):
    html = client.get(demo_needs_page.url).content.decode()
    assert "Επόμενες ημέρες διανομής" in html
    assert "Διανομή τροφίμων Δεκεμβρίου" in html
    assert f'href="{distribution.url}"' in html


def test_distribution_page_says_who_may_come_and_what_to_bring(client, distribution):
    html = client.get(distribution.url).content.decode()
    assert "Ημέρα διανομής" in html
    assert "Οικογένειες εγγεγραμμένες στο Κοινωνικό Παντοπωλείο." in html
    assert "<li>Τσάντα για τα τρόφιμα</li>" in html


def test_distribution_day_is_among_the_upcoming_events(client, distribution):
    index = EventIndexPage.objects.get(locale__language_code="el")
    assert "Διανομή τροφίμων Δεκεμβρίου" in client.get(index.url).content.decode()


def test_demo_has_monthly_distribution_days_on_the_needs_page(client, demo_needs_page):
    html = client.get(demo_needs_page.url).content.decode()
    section = html.split('id="distributions-heading"')[1].split("</section>")[0]
    # The grocery's first Wednesday, the Mobile Unit's last Thursday in
    # Meligalas, the grocery's next first Wednesday.
    assert section.count("<li") == 3
    assert section.count("Μηνιαία διανομή του Κοινωνικού Παντοπωλείου") == 2
    assert section.count("Διανομή τροφίμων της Κινητής Μονάδας στον Μελιγαλά") == 1
    assert "Αποθήκη Κοινωνικού Παντοπωλείου" in section


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_demo_mobile_unit_distribution_is_on_its_village_page(client, language):
    schedule = MobileUnitPage.objects.get(locale__language_code=language)
    event = EventPage.objects.get(
        locale__language_code=language, slug="dianomi-kinitis-monadas-meligalas"
    )
    assert event.location.locale_id == event.locale_id
    assert EventOccurrence.objects.filter(event=event).count() == 6
    html = client.get(schedule.village_url(event.location)).content.decode()
    assert 'class="visit__distribution"' in html
    assert f'href="{event.url}"' in html
    assert event.who_can_come in client.get(event.url).content.decode()


def test_demo_distribution_days_are_translated():
    english = EventPage.objects.filter(
        locale__language_code="en", kind=EventKind.DISTRIBUTION
    )
    arabic = EventPage.objects.filter(
        locale__language_code="ar", kind=EventKind.DISTRIBUTION
    )
    assert set(english.values_list("title", flat=True)) == {
        "The Social Grocery's monthly distribution",
        "The Mobile Unit's food distribution in Meligalas",
    }
    assert arabic.count() == 2
    assert all("Παντοπωλείου" not in page.what_to_bring for page in arabic)
