import io

import pytest
from django.core.management import call_command

from volunteers.models import Volunteer, VolunteerIndexPage, VolunteerOpportunityPage


def test_demo_has_opportunities_and_volunteers_in_every_state(demo_site):
    index = VolunteerIndexPage.objects.get(locale__language_code="el")
    assert index.url == "/ethelontismos/"
    titles = set(
        VolunteerOpportunityPage.objects.live()
        .filter(locale__language_code="el")
        .values_list("title", flat=True)
    )
    assert {
        "Διανομή τροφίμων",
        "Σχολική στήριξη",
        "Επισκέψεις σε ηλικιωμένους",
        "Εκδηλώσεις",
        "Ψηφιακή βοήθεια",
    } <= titles
    assert Volunteer.objects.count() >= 25
    assert set(Volunteer.objects.values_list("status", flat=True)) == set(
        Volunteer.Status.values
    )
    assert all(
        email.endswith("@example.org")
        for email in Volunteer.objects.values_list("email", flat=True)
    )


def test_demo_runs_twice_without_duplicates(demo_site):
    before = (Volunteer.objects.count(), VolunteerOpportunityPage.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    after = (Volunteer.objects.count(), VolunteerOpportunityPage.objects.count())
    assert before == after


def test_demo_pages_answer_in_greek_and_english(client, demo_site):
    for url in ["/ethelontismos/", "/en/ethelontismos/", "/ethelontismos/eggrafi/"]:
        assert client.get(url).status_code == 200, url
    opportunity = VolunteerOpportunityPage.objects.filter(
        locale__language_code="en"
    ).first()
    assert client.get(opportunity.url).status_code == 200


@pytest.fixture
def no_demo_volunteers():
    """The demo's volunteers are what these tests look at."""
