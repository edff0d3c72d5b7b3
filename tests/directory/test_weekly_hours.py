"""A service page's weekly hours table for each place, and the closures ahead."""

import datetime
import re

import pytest

from directory import opening
from directory.factories import ClosureFactory, OpeningHoursFactory
from directory.models import Location, ServicePage


def service(catalogue, slug="epidoma-stegasis"):
    return ServicePage.objects.child_of(catalogue).get(slug=slug)


def week_table(html):
    return re.search(r'<table class="place__week">.*?</table>', html, re.S).group(0)


def rows(table):
    return [
        (day, " ".join(hours.split()))
        for day, hours in re.findall(
            r'<th scope="row">(.*?)</th><td>(.*?)</td>', table, re.S
        )
    ]


def test_the_week_lists_seven_days_monday_first_with_closed_days(client, catalogue):
    table = week_table(client.get(service(catalogue).url).content.decode())
    assert "<caption>" in table
    assert '<th scope="col">' in table
    assert rows(table) == [
        ("Δευτέρα", "08:00–15:00"),
        ("Τρίτη", "08:00–15:00"),
        ("Τετάρτη", "08:00–15:00"),
        ("Πέμπτη", "08:00–15:00"),
        ("Παρασκευή", "08:00–15:00"),
        ("Σάββατο", "Κλειστά"),
        ("Κυριακή", "Κλειστά"),
    ]


@pytest.mark.parametrize(
    ("language", "monday", "sunday"),
    [("en", "Monday", "Closed"), ("ar", "الاثنين", "مغلق")],
)
def test_the_week_is_in_the_visitors_language(
    client, demo_site, language, monday, sunday
):
    page = ServicePage.objects.get(slug="kea", locale__language_code=language)
    table = week_table(client.get(page.url).content.decode())
    assert rows(table)[0][0] == monday
    assert rows(table)[6] == (rows(table)[6][0], sunday)


def test_a_second_opening_on_a_day_is_listed_in_order(client, catalogue):
    office = Location.objects.get(slug="kentro")
    OpeningHoursFactory(
        location=office,
        weekday=1,
        opens=datetime.time(17),
        closes=datetime.time(20, 30),
    )
    table = week_table(client.get(service(catalogue).url).content.decode())
    assert rows(table)[1] == ("Τρίτη", "08:00–15:00, 17:00–20:30")


def test_the_next_closure_is_listed_under_the_week(client, catalogue):
    soon = datetime.date.today() + datetime.timedelta(days=3)
    while soon.weekday() > 4:  # a day the office would be open
        soon += datetime.timedelta(days=1)
    ClosureFactory(starts_on=soon, reason="Τοπική γιορτή")
    html = client.get(service(catalogue).url).content.decode()
    assert html.index('class="place__week"') < html.index("Τοπική γιορτή")


def test_seasonal_hours_count_only_in_their_season():
    class Row:
        def __init__(self, weekday, opens, closes, valid_from=None, valid_to=None):
            self.weekday, self.opens, self.closes = weekday, opens, closes
            self.valid_from, self.valid_to = valid_from, valid_to

    monday = datetime.date(2026, 11, 30)
    summer = Row(
        2,
        datetime.time(7),
        datetime.time(13),
        datetime.date(2027, 6, 1),
        datetime.date(2027, 8, 31),
    )
    usual = Row(2, datetime.time(8), datetime.time(15))
    week = opening.week_of(monday, [summer, usual])
    assert [day for day, _ in week] == [0, 1, 2, 3, 4, 5, 6]
    assert week[2] == (2, [(datetime.time(8), datetime.time(15))])
    assert week[0] == (0, [])


def test_the_printout_carries_the_week_and_the_closures_ahead(client, catalogue):
    """What someone takes on paper says when the door is open, too."""
    soon = datetime.date.today() + datetime.timedelta(days=3)
    while soon.weekday() > 4:  # a day the office would be open
        soon += datetime.timedelta(days=1)
    ClosureFactory(starts_on=soon, reason="Απολύμανση")
    html = client.get(service(catalogue).url + "ektyposi/").content.decode()
    assert rows(week_table(html))[0] == ("Δευτέρα", "08:00–15:00")
    assert "Απολύμανση" in html
