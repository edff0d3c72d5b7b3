"""The directory's alphabetical order is the reader's: Greek ignores accents
and case (Ά = Α = α), page after page, on whichever database runs the suite
(CI runs it on SQLite and on PostgreSQL)."""

import re

import pytest

from directory.factories import (
    CategoryFactory,
    LocationFactory,
    MunicipalityFactory,
    ServiceAtLocationFactory,
    ServicePageFactory,
    TargetGroupFactory,
)
from directory.views import SERVICES_PER_PAGE
from search import indexing
from search.analysis import sort_key

# In the order a Greek reader expects; 18 + 2 fill the first page exactly.
FIRST_PAGE = [
    *(f"{'Αα'[n % 2]}ίτηση {n:02d}" for n in range(1, 19)),
    "Βεβαίωση",
    "γυμναστήριο",
]
SECOND_PAGE = ["Δελτίο", "Έκδοση ΑΜΚΑ", "επίδομα θέρμανσης", "Ζώνη"]


def titles(response):
    return re.findall(
        r'class="service-summary__title"><a [^>]*>([^<]+)<', response.content.decode()
    )


@pytest.fixture
def alphabet(directory):
    office = LocationFactory(slug="grafeio", name="Γραφείο")
    # Made in an order that is neither the expected one nor code point order.
    for number, title in enumerate(reversed(FIRST_PAGE + SECOND_PAGE)):
        page = ServicePageFactory(parent=directory, slug=f"y-{number}", title=title)
        ServiceAtLocationFactory(service=page, location=office)
    indexing.rebuild(directory.get_children())
    return directory


def test_greek_titles_sort_without_accents_or_case_across_pages(client, alphabet):
    assert len(FIRST_PAGE) == SERVICES_PER_PAGE
    first = titles(client.get(alphabet.url))
    second = titles(client.get(alphabet.url + "?page=2"))

    assert first == FIRST_PAGE
    assert second == SECOND_PAGE  # "Έκδοση ΑΜΚΑ" among the Ε's, not first


def test_the_sort_key_follows_a_renamed_title(alphabet):
    page = alphabet.get_children().get(title="Ζώνη").specific
    page.title = "Άλλη ζώνη"
    page.save()
    page.refresh_from_db()
    assert page.sort_title == sort_key("Άλλη ζώνη") == "αλλη ζωνη"


def test_taxonomy_lists_ignore_accents_and_case(client, directory):
    office = LocationFactory(slug="grafeio", name="Γραφείο")
    names = ["Ζώνη", "Έκδοση", "αιτήσεις", "Δελτία", "ενοίκιο"]
    groups = [
        TargetGroupFactory(slug=f"g-{n}", name=name) for n, name in enumerate(names)
    ]
    areas = [
        MunicipalityFactory(slug=f"m-{n}", name=name) for n, name in enumerate(names)
    ]
    topics = [CategoryFactory(slug=f"c-{n}", name=name) for n, name in enumerate(names)]
    page = ServicePageFactory(
        parent=directory,
        slug="ola",
        title="Όλα",
        categories=topics,
        target_groups=groups,
    )
    page.service_areas.set(areas)
    page.save()
    ServiceAtLocationFactory(service=page, location=office)
    indexing.rebuild(directory.get_children())

    html = client.get(directory.url).content.decode()
    expected = ["αιτήσεις", "Δελτία", "Έκδοση", "ενοίκιο", "Ζώνη"]
    for facet in ("category", "audience", "municipality"):
        labels = re.findall(
            rf'for="filter-{facet}-[^"]+">([^<(]+?) <span', html, flags=re.S
        )
        assert labels == expected, facet
    # The page's own list of its service areas, too.
    service_html = client.get(page.url).content.decode()
    assert ", ".join(expected) in re.sub(r"<[^>]+>", "", service_html)
