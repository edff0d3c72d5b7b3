"""A place is one place in every language (#18): a closure typed on its Greek
record closes its English and Arabic records too, a service translated
before its places shows them in the page's language once they are, and a
place or organisation not yet translated has a page in every language."""

import datetime

import pytest
from wagtail.models import Locale

from directory import calendar
from directory.factories import ClosureFactory, LocationFactory
from directory.models import DirectoryPage, Location, ServiceAtLocation

# A Wednesday that is no holiday.
DAY = datetime.date(2027, 3, 3)


@pytest.fixture
def kapi(demo_site):
    """The demo's ΚΑΠΗ, in Greek and in English."""
    greek = Location.objects.get(locale__language_code="el", slug="kapi-kalamatas")
    return greek, greek.get_translation(Locale.objects.get(language_code="en"))


def english_service_at(location):
    link = (
        ServiceAtLocation.objects.filter(location=location, service__live=True)
        .select_related("service")
        .first()
    )
    assert link is not None, "the demo has no English service at the place"
    return link


def test_a_closure_typed_on_the_greek_record_closes_every_record(kapi):
    greek, english = kapi
    ClosureFactory(location=greek, starts_on=DAY, reason="Απολύμανση")
    days = calendar.Calendar.between(DAY, DAY, [english.pk])
    assert days.hours_on(english, DAY) == []
    (closure,) = days.closures_on(DAY, english.pk)
    assert (closure.reason, closure.language_code) == ("Απολύμανση", "el")
    assert [change.reason for change in calendar.closures_on(DAY, english)] == [
        "Απολύμανση"
    ]
    assert not calendar.is_working_day(DAY, english)


def test_a_closure_typed_in_each_language_shows_once_in_the_records_own(kapi):
    greek, english = kapi
    ClosureFactory(location=greek, starts_on=DAY, reason="Απολύμανση")
    ClosureFactory(location=english, starts_on=DAY, reason="Disinfection")
    days = calendar.Calendar.between(DAY, DAY, [greek.pk, english.pk])
    assert [c.reason for c in days.closures_on(DAY, english.pk)] == ["Disinfection"]
    assert [c.reason for c in days.closures_on(DAY, greek.pk)] == ["Απολύμανση"]


def test_another_places_closure_does_not_close_it(kapi):
    greek, english = kapi
    ClosureFactory(location=LocationFactory(), starts_on=DAY, reason="Βλάβη")
    days = calendar.Calendar.between(DAY, DAY)
    assert days.closures_on(DAY, english.pk) == []
    assert days.hours_on(english, DAY) != []


def test_the_english_page_shows_a_greek_closure_marked_as_greek(client, kapi):
    greek, english = kapi
    soon = calendar.today() + datetime.timedelta(days=3)
    ClosureFactory(location=greek, starts_on=soon, reason="Απολύμανση χώρων")
    link = english_service_at(english)
    html = client.get(link.service.url).content.decode()
    assert 'lang="el" dir="ltr">Απολύμανση χώρων</span>' in html


def test_a_service_translated_before_its_place_shows_the_places_translation(
    client, kapi
):
    greek, english = kapi
    link = english_service_at(english)
    # As wagtail-localize leaves it: the row keeps the Greek place.
    ServiceAtLocation.objects.filter(pk=link.pk).update(location=greek)
    html = client.get(link.service.url).content.decode()
    assert english.name in html
    assert greek.name not in html


def test_a_place_not_yet_translated_has_an_english_page_in_greek(client, demo_site):
    place = LocationFactory(name="Γραφείο Μελιγαλά", slug="grafeio-meligala")
    directory = DirectoryPage.objects.get(locale__language_code="en")
    url = directory.url + directory.reverse_subpage("location", args=[place.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert 'lang="el" dir="ltr">Γραφείο Μελιγαλά<' in response.content.decode()
    missing = directory.url + directory.reverse_subpage("location", args=["no-such"])
    assert client.get(missing).status_code == 404


def test_a_translated_page_shows_its_terms_in_its_language(client, kapi):
    """wagtail-localize copies a page's target groups and service areas as
    they are, the Greek terms; the English page shows their translations."""
    _greek, english = kapi
    service = english_service_at(english).service.specific
    terms = list(service.target_groups.all()) + list(service.service_areas.all())
    assert terms, "the demo's English service has no target groups or areas"
    greek_terms = [term.get_translation(Locale.get_default()) for term in terms]
    service.target_groups.set(
        [t for t in greek_terms if t._meta.model_name == "targetgroup"]
    )
    service.service_areas.set(
        [t for t in greek_terms if t._meta.model_name == "municipality"]
    )
    service.save()
    html = client.get(service.url).content.decode()
    for term, greek in zip(terms, greek_terms, strict=True):
        assert f">{term.name}<" in html
        assert f">{greek.name}<" not in html
