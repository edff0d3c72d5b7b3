"""When the Mobile Unit hands out goods (issue 24): a distribution day held at
one of its stops is on the unit's schedule, its village's page, the
village's calendar and the home page's next visits, saying what it is and
leading to who may come and what to bring. A distribution in town is not."""

import pytest
from django.utils import translation

from directory.factories import LocationFactory
from directory.models import Location
from events import schedule
from events.factories import EventPageFactory, local_datetime
from events.models import EventOccurrence, EventPage
from tests.events.conftest import el, publish
from tests.events.test_village import next_weekday, round_of_visits, stop, text


@pytest.fixture
def meligalas(index, mani):
    place = stop("v-meligalas", "Μελιγαλάς", "στον Μελιγαλά", mani)
    round_of_visits(index, place, 1, 9, 13)
    return place


def distribution_day(index, place, title, weekday=3, **kwargs):
    day = next_weekday(weekday)
    return publish(
        EventPageFactory(
            parent=index,
            kind=EventPage.Kind.DISTRIBUTION,
            title=title,
            location=place,
            start=local_datetime(day, 10),
            end=local_datetime(day, 12),
            who_can_come="Οικογένειες εγγεγραμμένες στο Κοινωνικό Παντοπωλείο.",
            publish=False,
            **kwargs,
        )
    )


@pytest.fixture
def in_the_village(index, meligalas):
    return distribution_day(
        index,
        meligalas,
        "Διανομή τροφίμων στον Μελιγαλά",
        repeat="weekly",
        weekdays="3",
        repeat_count=4,
    )


@pytest.fixture
def in_town(index):
    store = LocationFactory(slug="v-store", kind=Location.Kind.OFFICE)
    return distribution_day(index, store, "Διανομή στην αποθήκη", weekday=4)


def test_only_distributions_at_the_unit_s_stops_are_the_unit_s(in_the_village, in_town):
    by_unit = EventOccurrence.objects.by_mobile_unit()
    titles = set(by_unit.values_list("event__title", flat=True))
    assert "Διανομή τροφίμων στον Μελιγαλά" in titles
    assert "Διανομή στην αποθήκη" not in titles
    assert "Η Κινητή Μονάδα στον Μελιγαλά" in titles


def test_the_schedule_lists_the_distribution_day_and_leads_to_what_to_bring(
    client, mobile_unit_page, in_the_village, in_town
):
    html = text(client.get("/kiniti-monada/"))
    section = html.split('id="next-visits-heading"')[1].split("</section>")[0]
    assert el("Distribution day") in section
    assert f'href="{in_the_village.url}"' in section
    assert el("who can come and what to bring") in section
    assert "Διανομή στην αποθήκη" not in html
    assert in_town.url not in html


def test_a_village_page_shows_its_distribution_days_and_says_how_often(
    client, mobile_unit_page, in_the_village
):
    html = text(client.get("/kiniti-monada/v-meligalas/"))
    first = local_datetime(next_weekday(3), 10)
    assert f'datetime="{first.isoformat()}"' in html
    assert html.count(f'href="{in_the_village.url}"') == 4
    assert (
        "Η Κινητή Μονάδα μοιράζει τρόφιμα και είδη πρώτης ανάγκης στον Μελιγαλά "
        "κάθε Πέμπτη, 10:00–12:00."
    ) in html
    # The unit's own visits stay as they were.
    assert "Η Κινητή Μονάδα έρχεται στον Μελιγαλά κάθε Τρίτη, 09:00–13:00." in html


def test_a_village_with_distribution_days_only_is_in_the_picker(
    client, mobile_unit_page, index, mani
):
    place = stop("v-petalidi", "Πεταλίδι", "στο Πεταλίδι", mani)
    distribution_day(index, place, "Διανομή στο Πεταλίδι")
    html = text(client.get("/kiniti-monada/"))
    assert '<option value="v-petalidi">Πεταλίδι</option>' in html


def test_the_village_calendar_holds_the_distribution_days(
    client, mobile_unit_page, in_the_village
):
    body = client.get("/kiniti-monada/v-meligalas/visits.ics").content.decode()
    assert body.count("SUMMARY:Διανομή τροφίμων στον Μελιγαλά") >= 1
    day = next_weekday(3)
    response = client.get(f"/kiniti-monada/v-meligalas/{day}.ics")
    assert response.status_code == 200
    assert "Διανομή τροφίμων στον Μελιγαλά" in response.content.decode()


def test_the_home_page_s_next_visits_name_a_distribution_day(
    client, mobile_unit_page, index, mani
):
    place = stop("v-kalo-nero", "Καλό Νερό", "στο Καλό Νερό", mani)
    soon = distribution_day(index, place, "Διανομή στο Καλό Νερό", weekday=0)
    html = text(client.get("/"))
    section = html.split('id="mobile-unit-heading"')[1].split("</section>")[0]
    assert "Καλό Νερό" in section
    assert f'href="{soon.url}"' in section


def test_the_sentence_in_english_and_arabic(in_the_village, meligalas):
    event = EventPage.objects.get(pk=in_the_village.pk)
    meligalas.locative = "in Meligalas"
    event.location = meligalas
    with translation.override("en"):
        assert schedule.schedule_sentence(event) == (
            "The Mobile Unit hands out food and basic goods in Meligalas every "
            "Thursday, 10:00–12:00."
        )
    meligalas.locative = ""
    with translation.override("ar"):
        assert schedule.schedule_sentence(event).startswith(
            "توزّع الوحدة المتنقلة المواد الغذائية والسلع الأساسية"
        )
