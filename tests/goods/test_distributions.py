"""Distribution days are events of their own kind: on the needs page, in
the events lists, with who may come and what to bring."""

import pytest

from events.choices import EventKind
from events.factories import EventPageFactory
from events.models import EventIndexPage

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
    assert section.count("Μηνιαία διανομή του Κοινωνικού Παντοπωλείου") == 3
    assert "Αποθήκη Κοινωνικού Παντοπωλείου" in section
