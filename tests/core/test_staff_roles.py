"""Greek staff read the workflow and the groups in Greek (#18): the moderation
workflow and its task are named in Greek, the groups are shown translated
in the admin's language while the code keeps finding them by their names."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Workflow
from wagtail.users.models import UserProfile

from directory.models import ServicePage
from tests.staff import login_staff

WORKFLOW = "Έγκριση από τους Επιμελητές"
GREEK_GROUPS = [
    "Συντάκτες",
    "Επιμελητές",
    "Κοινωνικοί λειτουργοί",
    "Συντονιστές εθελοντών",
    "Συντονιστές ειδών",
]


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    return user


def test_every_page_goes_through_the_workflow_named_in_greek(demo_site):
    root = Page.get_first_root_node()
    assert root.get_workflow().name == WORKFLOW
    assert [task.name for task in root.get_workflow().tasks] == [WORKFLOW]
    assert not Workflow.objects.filter(name="Moderators approval").exists()


@pytest.fixture
def submitted_service(demo_site, django_user_model):
    """A live Greek service an Editor has changed and submitted."""
    editor = member(django_user_model, "eleni", "Editors")
    service = ServicePage.objects.live().filter(locale__language_code="el").first()
    revision = service.save_revision(user=editor)
    service.get_workflow().start(service, editor)
    return service, revision


def test_the_editor_reads_the_workflow_in_greek_on_the_page(
    client, django_user_model, submitted_service
):
    service, _revision = submitted_service
    login_staff(client, django_user_model.objects.get(username="eleni"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).content
    html = html.decode()
    assert WORKFLOW in html
    assert "Moderators approval" not in html
    assert "Σε έγκριση" in html and "In Moderation" not in html


def test_the_moderator_finds_the_greek_task_awaiting_review(
    client, django_user_model, submitted_service
):
    service, _revision = submitted_service
    login_staff(client, member(django_user_model, "nikos", "Moderators"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="awaiting-review-section"' in html
    assert f'data-w-tooltip-content-value="{WORKFLOW}:' in html
    assert "Moderators approval" not in html
    # Wagtail's own Greek leaves its workflow actions in English.
    assert "Ζητήστε αλλαγές" in html and "Έγκριση με σχόλιο" in html
    assert "Request changes" not in html and "Approve with comment" not in html


def test_the_groups_list_shows_the_groups_in_the_admins_language(
    client, django_user_model, demo_site
):
    admin = django_user_model.objects.create_superuser("maria", password="x")  # noqa: S106
    login_staff(client, admin)
    html = client.get(reverse("wagtailusers_groups:index")).content.decode()
    for name in GREEK_GROUPS:
        assert f">{name}<" in html.replace("\n", "").replace("  ", ""), name
    assert "Editors" not in html and "Moderators" not in html

    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(reverse("wagtailusers_groups:index")).content.decode()
    assert "Editors" in html and "Συντάκτες" not in html


def test_a_users_groups_are_offered_in_greek(client, django_user_model, demo_site):
    admin = django_user_model.objects.create_superuser("maria", password="x")  # noqa: S106
    login_staff(client, admin)
    html = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert "Συντάκτες" in html and "Επιμελητές" in html
    assert "Moderators" not in html


def test_the_code_still_finds_the_groups_by_their_names(demo_site):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Moderators", "Caseworkers"} <= names
    assert str(Group.objects.get(name="Editors")) == "Συντάκτες"


def test_the_translation_editor_speaks_greek(client, django_user_model, demo_site):
    """wagtail-localize's editor takes its words from this catalogue."""
    login_staff(client, member(django_user_model, "eleni", "Editors"))
    script = client.get(reverse("wagtail_localize:javascript_catalog"))
    script = script.content.decode()
    # The catalogue is JSON with every non-ASCII letter escaped.
    assert json.dumps("Δεν έχει μεταφραστεί")[1:-1] in script
    assert json.dumps("Μετάφραση")[1:-1] in script
