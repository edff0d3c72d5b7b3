import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from directory.factories import LanguageFactory, MunicipalityFactory
from tests.staff import login_staff
from volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer
from volunteers.wagtail_hooks import NewVolunteersPanel

ROLES = ["anonymous", "Editors", "Caseworkers", "Volunteer coordinators", "superuser"]
ALLOWED = {"Volunteer coordinators", "superuser"}


def login_as(client, role):
    if role == "anonymous":
        return None
    User = get_user_model()
    if role == "superuser":
        user = User.objects.create_superuser("root", "root@example.org", "x")
    else:
        user = User.objects.create_user(
            role.lower().replace(" ", "-"),
            email=f"{role.split()[0].lower()}@example.org",
            password="x",  # noqa: S106
        )
        user.groups.add(Group.objects.get(name=role))
    login_staff(client, user)
    return user


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(name="Ελένη Δοκιμαστική", email="eleni@example.org")


def admin_urls(volunteer):
    pk = volunteer.pk
    index = reverse("volunteers:index")
    return {
        "index": index,
        "results": reverse("volunteers:index_results"),
        "csv": f"{index}?export=csv",
        "xlsx": f"{index}?export=xlsx",
        "inspect": reverse("volunteers:inspect", args=[pk]),
        "edit": reverse("volunteers:edit", args=[pk]),
        "delete": reverse("volunteers:delete", args=[pk]),
        "history": reverse("volunteers:history", args=[pk]),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "view", ["index", "results", "csv", "xlsx", "inspect", "edit", "delete", "history"]
)
def test_only_coordinators_and_superusers_reach_volunteer_admin(
    client, volunteer, role, view
):
    login_as(client, role)

    response = client.get(admin_urls(volunteer)[view])

    if role in ALLOWED:
        assert response.status_code == 200
        if view in ("csv", "xlsx"):
            assert b"".join(
                response.streaming_content if response.streaming else [response.content]
            )
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" not in response["Location"]
            assert "volunteers" not in response["Location"]
        assert "eleni@example.org" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_and_superusers_can_change_a_volunteer(
    client, volunteer, role
):
    login_as(client, role)

    client.post(
        reverse("volunteers:edit", args=[volunteer.pk]),
        {"status": "active", "notes": "Τηλεφώνησα."},
    )

    volunteer.refresh_from_db()
    changed = volunteer.status == Volunteer.Status.ACTIVE
    assert changed == (role in ALLOWED)
    if changed:
        assert volunteer.notes == "Τηλεφώνησα."


@pytest.mark.parametrize("role", ROLES)
def test_menu_and_dashboard_panel_only_for_coordinators(client, volunteer, role):
    login_as(client, role)
    response = client.get(reverse("wagtailadmin_home"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    shown = role in ALLOWED
    assert ("new-volunteers-heading" in html) == shown
    assert (reverse("volunteers:index") in html) == shown


def test_inspect_view_shows_answers_in_words(client, volunteering):
    volunteer = VolunteerFactory(
        skills=["tutoring"],
        availability=["5-evening"],
        interests=[volunteering["tutoring"]],
        languages=[volunteering["language"]],
    )
    login_as(client, "Volunteer coordinators")
    html = client.get(reverse("volunteers:inspect", args=[volunteer.pk])).content
    text = html.decode()
    assert "Σχολική στήριξη" in text
    assert volunteering["language"].name in text
    assert '"tutoring"' not in text


def test_coordinator_cannot_add_volunteers_by_hand(client, volunteer):
    login_as(client, "Volunteer coordinators")
    response = client.get(reverse("volunteers:add"))
    assert response.status_code in (302, 403)


def test_dashboard_counts_volunteers_confirmed_this_week(client, db):

    recent = VolunteerFactory.create_batch(3)
    VolunteerFactory(status=Volunteer.Status.UNCONFIRMED, name="Ανεπιβεβαίωτος")
    old = VolunteerFactory(name="Παλιός Εθελοντής")
    Volunteer.objects.filter(pk=old.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=8)
    )
    login_as(client, "Volunteer coordinators")

    assert NewVolunteersPanel().get_context_data({})["count"] == 3
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="new-volunteers-heading"')[1].split("</section>")[0]
    assert all(volunteer.name in panel for volunteer in recent)
    assert "Ανεπιβεβαίωτος" not in panel
    assert "Παλιός Εθελοντής" not in panel


def test_filters_search_and_export_use_the_same_list(client, db):
    english = LanguageFactory(code="en", name="Αγγλικά", autonym="English")
    kalamata = MunicipalityFactory()
    matching = VolunteerFactory(
        name="Ανδρέας Ταιριαστός",
        skills=["tutoring", "digital"],
        availability=["1-evening"],
        municipality=kalamata,
        languages=[english],
    )
    VolunteerFactory(name="Βασιλική Άλλη", skills=["food"], availability=["0-morning"])
    login_as(client, "Volunteer coordinators")
    index = reverse("volunteers:index")
    query = (
        f"skill=tutoring&available=1-evening&language={english.pk}"
        f"&municipality={kalamata.pk}&status=new"
    )

    listing = client.get(f"{index}?{query}").content.decode()
    assert "Ανδρέας Ταιριαστός" in listing
    assert "Βασιλική Άλλη" not in listing
    searched = client.get(f"{index}?q=Βασιλική").content.decode()
    assert "Βασιλική Άλλη" in searched
    assert "Ανδρέας Ταιριαστός" not in searched

    exported = client.get(f"{index}?{query}&export=csv")
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == matching.name
    assert "tutoring" not in rows[1][5]  # labels, not codes

    workbook = client.get(f"{index}?{query}&export=xlsx")
    content = (
        b"".join(workbook.streaming_content) if workbook.streaming else workbook.content
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 2
    assert sheet.cell(row=2, column=1).value == matching.name


def test_opportunity_filter(client, volunteering):
    food = volunteering["food"]
    VolunteerFactory(name="Με ενδιαφέρον", interests=[food])
    VolunteerFactory(name="Χωρίς ενδιαφέρον")
    login_as(client, "Volunteer coordinators")
    html = client.get(f"{reverse('volunteers:index')}?opportunity={food.pk}").content
    assert "Με ενδιαφέρον" in html.decode()
    assert "Χωρίς ενδιαφέρον" not in html.decode()


def test_failed_emails_can_be_listed(client, db):
    VolunteerFactory(name="Χωρίς πρόβλημα")
    VolunteerFactory(name="Με πρόβλημα", email_error="2026-11-23 10:00 confirm: down")
    login_as(client, "Volunteer coordinators")
    html = client.get(f"{reverse('volunteers:index')}?email_failed=true").content
    assert "Με πρόβλημα" in html.decode()
    assert "Χωρίς πρόβλημα" not in html.decode()


@pytest.mark.parametrize("name", ["language", "opportunity", "municipality", "skill"])
def test_nonsense_filter_values_never_break_the_list(client, volunteer, name):
    login_as(client, "Volunteer coordinators")
    for value in ["abc", str(2**70), "-1", "\u0660"]:
        response = client.get(f"{reverse('volunteers:index')}?{name}={value}")
        assert response.status_code == 200


def test_an_opportunitys_usage_does_not_name_its_volunteers(client, volunteering):
    from wagtail.models import ReferenceIndex

    food = volunteering["food"]
    volunteer = VolunteerFactory(name="Ελένη Δοκιμαστική", interests=[food])
    ReferenceIndex.create_or_update_for_object(volunteer)
    login_as(client, "superuser")
    response = client.get(reverse("wagtailadmin_pages:usage", args=[food.pk]))
    assert response.status_code == 200
    assert "Ελένη Δοκιμαστική" not in response.content.decode()
