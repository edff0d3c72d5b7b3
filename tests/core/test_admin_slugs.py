"""The admin makes the same ELOT 743 slug as the importer and the demo
(core.forms.LatinSlugField, core.mixins.PageMetadataMixin.make_slug_latin)."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from directory.models import Municipality
from portal.models import StandardPage
from tests.staff import login_staff


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    login_staff(client, user)
    return client


def add_standard_page(editor, home, **fields):
    data = {"title": "Επίδομα Θέρμανσης", "intro": "", "body": streamfield([])}
    data.update(fields)
    return editor.post(
        f"/admin/pages/add/portal/standardpage/{home.pk}/", nested_form_data(data)
    )


def test_a_greek_slug_from_the_admin_becomes_the_elot_slug(editor, home):
    # What the admin's JavaScript sends with WAGTAIL_ALLOW_UNICODE_SLUGS: the
    # title lower-cased and hyphenated, still Greek (it used to send
    # "epidoma-8ermanshs").
    response = add_standard_page(editor, home, slug="επίδομα-θέρμανσης")

    assert response.status_code == 302
    page = StandardPage.objects.get(title="Επίδομα Θέρμανσης")
    assert page.slug == "epidoma-thermansis"


def test_a_latin_slug_an_editor_typed_is_kept(editor, home):
    response = add_standard_page(editor, home, slug="thermansi-2027")

    assert response.status_code == 302
    assert StandardPage.objects.get(slug="thermansi-2027").title == "Επίδομα Θέρμανσης"


def test_a_greek_slug_already_taken_is_refused_with_the_form_again(editor, home):
    home.add_child(instance=StandardPage(title="Παλιά", slug="epidoma-thermansis"))

    response = add_standard_page(editor, home, slug="επίδομα-θέρμανσης")

    assert response.status_code == 200
    assert "epidoma-thermansis" in response.content.decode()
    assert not StandardPage.objects.filter(title="Επίδομα Θέρμανσης").exists()


def test_a_page_saved_without_a_slug_gets_its_titles_elot_slug(home):
    page = home.add_child(instance=StandardPage(title="Ψυχολογική Υποστήριξη"))
    assert page.slug == "psychologiki-ypostirixi"
    again = home.add_child(instance=StandardPage(title="Ψυχολογική Υποστήριξη"))
    assert again.slug == "psychologiki-ypostirixi-2"


def test_a_snippets_greek_slug_becomes_the_elot_slug(editor, home):
    response = editor.post(
        "/admin/snippets/directory/municipality/add/",
        {"name": "Θουρία", "slug": "θουρία", "sort_order": "0"},
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Municipality.objects.get(name="Θουρία").slug == "thouria"
