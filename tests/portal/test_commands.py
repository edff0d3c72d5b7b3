import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, WorkflowPage

from core.models import AlertBanner
from directory.models import TargetGroup
from portal.models import CampaignPage
from tests.staff import login_staff


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_demo_builds_the_kalamata_centre(client, db):
    seed()
    html = client.get("/").content.decode()
    assert "Κέντρο Κοινότητας Δήμου Καλαμάτας" in html
    assert CampaignPage.objects.live().count() >= 6
    for slug in (
        "poioi-eimaste",
        "pos-mporoume-na-voithisoume",
        "politiki-aporritou",
        "dilosi-prosvasimotitas",
        "epikoinonia",
    ):
        assert Page.objects.filter(slug=slug, locale__language_code="el").exists()
    contact = client.get("/epikoinonia/").content.decode()
    assert "Κινητή Μονάδα" in contact and "Παράρτημα Ρομά" in contact


def test_seed_demo_run_twice_adds_nothing(db):
    seed()
    counts = (
        Page.objects.count(),
        TargetGroup.objects.count(),
        AlertBanner.objects.count(),
    )
    seed()
    assert (
        Page.objects.count(),
        TargetGroup.objects.count(),
        AlertBanner.objects.count(),
    ) == counts


def test_ensure_admin_prints_a_working_generated_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)

    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert f"password: {password}" in again.getvalue()
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_staff_roles_exist_with_their_rights(db):
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    for name in ("Caseworkers", "Volunteer coordinators"):
        assert (
            Group.objects.get(name=name)
            .permissions.filter(codename="access_admin")
            .exists()
        )
    assert editors.permissions.filter(codename="change_alertbanner").exists()
    assert moderators.permissions.filter(codename="change_centresettings").exists()
    assert not editors.permissions.filter(codename="change_centresettings").exists()
    # Editors do not publish: pages go through the moderation workflow.
    assert not editors.page_permissions.filter(
        permission__codename="publish_page"
    ).exists()
    assert moderators.page_permissions.filter(
        permission__codename="publish_page"
    ).exists()
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow.active


def test_editor_can_open_the_admin_and_edit_a_campaign(client, db):
    seed()
    editor = get_user_model().objects.create_user("eleni", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    login_staff(client, editor)
    campaign = CampaignPage.objects.first()
    response = client.get(f"/admin/pages/{campaign.pk}/edit/")
    assert response.status_code == 200
    assert (
        "Moderators approval" in response.content.decode()
        or response.status_code == 200
    )
