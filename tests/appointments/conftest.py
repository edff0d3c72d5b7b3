import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from appointments.models import AppointmentPage, AppointmentRequest
from core.abuse import started_token
from directory.models import Location, ServicePage


@pytest.fixture(autouse=True)
def no_demo_requests(db):
    """These tests count their own requests: the seeded demo's are set aside
    inside the test's transaction (the demo's request page stays)."""
    AppointmentRequest.objects.all().delete()


@pytest.fixture
def page(db):
    return AppointmentPage.objects.get(locale__language_code="el")


@pytest.fixture
def centre(db):
    return Location.objects.get(slug="kentro-koinotitas", locale__language_code="el")


@pytest.fixture
def roma_branch(db):
    return Location.objects.get(slug="parartima-roma", locale__language_code="el")


@pytest.fixture
def service(db):
    return ServicePage.objects.get(slug="kea", locale__language_code="el")


@pytest.fixture
def valid_data(centre, service):
    def make(**changes):
        data = {
            "service": str(service.pk),
            "where": f"place-{centre.pk}",
            "preferred_days": ["0", "3"],
            "preferred_times": ["morning"],
            "name": "Ελένη Δοκιμαστική",
            "phone": "6912345678",
            "email": "eleni@example.org",
            "preferred_contact": "phone",
            "language": "",
            "needs_interpreter": "",
            "accessibility_needs": "Είσοδος χωρίς σκαλοπάτια.",
            "message": "Θέλω να κάνω αίτηση για το ΚΕΑ.",
            "privacy_consent": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def make_user(role):
    User = get_user_model()
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.org", "x")
    user = User.objects.create_user(
        role.lower().replace(" ", "-"),
        email=f"{role.split()[0].lower()}@example.org",
        password="x",  # noqa: S106
        first_name=role.split()[0],
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def caseworker(db):
    return make_user("Caseworkers")
