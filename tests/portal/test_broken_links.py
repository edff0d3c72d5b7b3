"""The weekly link check over the site's own records (portal.links and
``manage.py check_external_links``) and its report in the admin, as editors
read it. The answers are set by the test: nothing reaches the network."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils.html import escape
from wagtail.rich_text import RichText

from core import links
from directory.models import ServicePage
from portal.factories import StandardPageFactory
from portal.links import external_link_uses
from tests.staff import login_staff

BROKEN_APPLICATION = "https://www.gov.gr/ipiresies/den-yparxei"
BROKEN_PARTNER = "https://partner.example.org/odigos?a=1&b=2"
PARTNER_LINK = '<p><a href="https://partner.example.org/odigos?a=1&amp;b=2">x</a></p>'
MOVED_OK = "https://www.efka.gov.gr/metafere8ike"


@pytest.fixture
def answers(monkeypatch):
    """Every address answers 200, but the broken ones; no pacing."""
    broken = {
        BROKEN_APPLICATION: links.Answer(404),
        BROKEN_PARTNER: links.Answer(error="timed out"),
    }
    monkeypatch.setattr(links, "HOST_INTERVAL", 0)
    monkeypatch.setattr(links, "fetch", lambda url: broken.get(url, links.Answer(200)))


@pytest.fixture
def service(db):
    page = ServicePage.objects.live().filter(locale__language_code="el").first()
    page.application_url = BROKEN_APPLICATION
    page.website = MOVED_OK  # a redirect that ends in 200 is not broken
    page.save_revision().publish()
    return page


@pytest.fixture
def standard_page(home):
    return StandardPageFactory(
        parent=home,
        slug="odigos",
        title="Οδηγός συνεργατών",
        body=[
            (
                "paragraph",
                RichText(PARTNER_LINK),
            )
        ],
    )


def test_the_check_finds_the_links_of_services_and_of_text(service, standard_page):
    found = {(use.url, use.record) for use in external_link_uses()}
    assert (BROKEN_APPLICATION, f"{service.title} (el)") in found
    assert (MOVED_OK, f"{service.title} (el)") in found
    assert (BROKEN_PARTNER, "Οδηγός συνεργατών (el)") in found


def staff(client, django_user_model, group):
    user = django_user_model.objects.create_user("staff", "s@example.org", "pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    login_staff(client, user)
    return client


def test_editors_read_the_broken_links_with_where_to_fix_them(
    client, django_user_model, answers, service, standard_page
):
    out = io.StringIO()
    call_command("check_external_links", stdout=out)
    assert "2 broken" in out.getvalue()
    editor = staff(client, django_user_model, "Editors")

    response = editor.get("/admin/reports/broken-links/")

    assert response.status_code == 200
    html = response.content.decode()
    assert BROKEN_APPLICATION in html and "404" in html
    assert f'href="/admin/pages/{service.pk}/edit/"' in html
    assert escape(service.title) in html
    assert f'href="/admin/pages/{standard_page.pk}/edit/"' in html
    assert "timed out" in html
    assert MOVED_OK not in html
    assert "/admin/reports/broken-links/" in editor.get("/admin/").content.decode()
    export = editor.get("/admin/reports/broken-links/?export=csv")
    rows = export.content.decode("utf-8-sig")
    assert BROKEN_APPLICATION in rows and service.title in rows
    assert MOVED_OK not in rows
    assert editor.get("/admin/reports/broken-links/?export=xlsx").status_code == 200


def test_staff_who_edit_no_page_do_not_see_the_report(client, django_user_model):
    caseworker = staff(client, django_user_model, "Caseworkers")
    assert caseworker.get("/admin/reports/broken-links/").status_code in (302, 403)
    assert "broken-links" not in caseworker.get("/admin/").content.decode()
