"""A translation goes through the Moderators like any page (#18): an Editor
sends a Greek service for translation, translates it in wagtail-localize's
editor, saves a draft and submits it; nothing is public until a Moderator
approves."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from directory.models import ServicePage
from tests.staff import login_staff


@pytest.fixture
def greek_service(demo_site):
    """The first live Greek service the demo has not translated into English."""
    english = Locale.objects.get(language_code="en")
    for page in ServicePage.objects.live().filter(locale__language_code="el"):
        if not page.get_translations().filter(locale=english).exists():
            return page
    pytest.fail("every demo service is in English")


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    return user


def send_for_translation(client, page, on_commit):
    """ "Translate this page" into English, as the admin's form sends it;
    ``on_commit`` runs what wagtail-localize leaves for the commit (it
    publishes there)."""
    english = Locale.objects.get(language_code="en")
    with on_commit(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.id]),
            {"locales": [english.id]},
        )
    assert response.status_code == 302
    return page.get_translation(english), Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english
    )


def translate_every_string(client, translation):
    """What the editor's JavaScript sends for each string typed in."""
    for segment in StringSegment.objects.filter(source=translation.source):
        url = reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment.id],
        )
        response = client.put(
            url,
            urlencode({"value": f"EN {segment.string.data}"}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), segment.context.path


def test_a_new_translation_is_a_draft_until_a_moderator_approves_it(
    client, django_user_model, greek_service, django_capture_on_commit_callbacks
):
    editor = staff(django_user_model, "eleni", "Editors")
    login_staff(client, editor)
    english_page, translation = send_for_translation(
        client, greek_service, django_capture_on_commit_callbacks
    )

    english_url = f"/en/programmata-ypiresies/{english_page.slug}/"
    assert not english_page.live
    assert client.get(english_url).status_code == 404
    listing = client.get("/en/programmata-ypiresies/").content.decode()
    assert english_url not in listing
    found = client.get("/en/anazitisi/", {"q": greek_service.title}).content.decode()
    assert english_url not in found

    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.id])
    editor_html = client.get(edit_url).content.decode()
    workflow = english_page.get_workflow()
    assert 'value="save-draft"' in editor_html
    assert 'name="action" value="submit"' in editor_html
    assert workflow.name in editor_html

    translate_every_string(client, translation)
    assert client.post(edit_url, {"action": "save-draft"}).status_code == 302
    english_page.refresh_from_db()
    assert english_page.draft_title == f"EN {greek_service.title}"
    assert not english_page.live

    assert client.post(edit_url, {"action": "submit"}).status_code == 302
    english_page.refresh_from_db()
    state = english_page.current_workflow_state
    assert state is not None and state.workflow == workflow
    assert not english_page.live
    assert client.get(english_url).status_code == 404

    client.logout()
    moderator = staff(django_user_model, "nikos", "Moderators")
    login_staff(client, moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english_page.id, "approve", state.current_task_state.id],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)

    client.logout()
    english_page.refresh_from_db()
    assert english_page.live
    public = client.get(english_page.url)
    assert public.status_code == 200
    assert f"EN {greek_service.title}" in public.content.decode()
    listing = client.get("/en/programmata-ypiresies/").content.decode()
    assert f'href="{english_page.url}"' in listing


def test_saving_a_live_translation_leaves_the_published_text_to_visitors(
    client, django_user_model, greek_service, django_capture_on_commit_callbacks
):
    editor = staff(django_user_model, "eleni", "Editors")
    login_staff(client, editor)
    english_page, translation = send_for_translation(
        client, greek_service, django_capture_on_commit_callbacks
    )
    english_page.get_latest_revision().publish()
    english_page.refresh_from_db()

    translate_every_string(client, translation)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.id])
    assert client.post(edit_url, {"action": "save-draft"}).status_code == 302

    english_page.refresh_from_db()
    assert english_page.title == greek_service.title
    assert english_page.has_unpublished_changes
    assert english_page.get_latest_revision_as_object().title == (
        f"EN {greek_service.title}"
    )


def test_an_editor_syncing_translations_does_not_publish_them(
    client, django_user_model, greek_service, django_capture_on_commit_callbacks
):
    login_staff(client, staff(django_user_model, "eleni", "Editors"))
    english_page, translation = send_for_translation(
        client, greek_service, django_capture_on_commit_callbacks
    )
    english_page.get_latest_revision().publish()
    first_title = greek_service.title
    greek_service.title = "Κοινωνικό τιμολόγιο ρεύματος 2027"
    greek_service.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source.id]
            ),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302

    english_page.refresh_from_db()
    assert english_page.title == first_title
    assert client.get(english_page.url).status_code == 200
    assert (
        "Κοινωνικό τιμολόγιο ρεύματος 2027"
        not in client.get(english_page.url).content.decode()
    )
