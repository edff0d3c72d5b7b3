import time

import pytest
from django.core import mail

from core.abuse import started_token
from directory.factories import LanguageFactory, MunicipalityFactory
from tests.set_aside import module_transaction, not_transactional
from volunteers.factories import (
    VolunteerIndexPageFactory,
    VolunteerOpportunityPageFactory,
)
from volunteers.models import (
    Volunteer,
    VolunteerIndexPage,
    VolunteerOpportunityPage,
    VolunteerWithdrawal,
)


def delete_demo_volunteers():
    Volunteer.objects.all().delete()
    VolunteerWithdrawal.objects.all().delete()
    VolunteerOpportunityPage.objects.all().delete()
    VolunteerIndexPage.objects.all().delete()


@pytest.fixture(scope="module")
def demo_volunteers_set_aside(django_db_setup, django_db_blocker):
    """The demo's volunteers and their pages deleted once for the module
    (tests.set_aside)."""
    with module_transaction(django_db_blocker, delete_demo_volunteers):
        yield


@pytest.fixture(autouse=True)
def no_demo_volunteers(request, demo_volunteers_set_aside, db):
    """These tests count their own volunteers: the seeded demo's are set
    aside, in the module's transaction and again (finding none) in the
    test's."""
    not_transactional(request)
    delete_demo_volunteers()


@pytest.fixture
def volunteering(home):
    index = VolunteerIndexPageFactory(parent=home)
    index.save_revision().publish()
    food = VolunteerOpportunityPageFactory(
        parent=index, title="Διανομή τροφίμων", slug="dianomi-trofimon"
    )
    tutoring = VolunteerOpportunityPageFactory(
        parent=index, title="Σχολική στήριξη", slug="scholiki-stirixi"
    )
    return {
        "index": index,
        "food": food,
        "tutoring": tutoring,
        "municipality": MunicipalityFactory(),
        "language": LanguageFactory(),
    }


@pytest.fixture
def signup_url(volunteering):
    return volunteering["index"].url + "eggrafi/"


@pytest.fixture
def valid_data(volunteering):
    def make(**changes):
        data = {
            "name": "Ελένη Δοκιμαστική",
            "email": "eleni@example.org",
            "phone": "6912345678",
            "municipality": str(volunteering["municipality"].pk),
            "skills": ["food", "digital"],
            "languages": [str(volunteering["language"].pk)],
            "availability": ["0-morning", "5-evening"],
            "interests": [str(volunteering["food"].pk)],
            "message": "Μπορώ να βοηθήσω τα Σάββατα.",
            "is_adult": "on",
            "privacy_consent": "on",
            "may_contact_about_future": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def link_from(message, marker):
    for line in message.body.splitlines():
        if marker in line and line.strip().startswith("http"):
            return line.strip()
    raise AssertionError(f"no {marker} link in {message.body!r}")


@pytest.fixture
def outbox():
    return mail.outbox
