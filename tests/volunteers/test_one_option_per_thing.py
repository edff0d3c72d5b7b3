"""Staff filters offer one option per thing in the staff member's language
and find records made in any locale; page editors tick only the page's
locale's categories."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from directory.models import Category, Municipality, ServicePage
from volunteers.factories import VolunteerFactory, VolunteerOpportunityPageFactory

from .test_admin import login_as


def test_municipality_filter_counts_every_locale_once(client, db):
    greek = Municipality.objects.filter(locale__language_code="el").first()
    english = greek.get_translation(Locale.objects.get(language_code="en"))
    VolunteerFactory(name="Από την αγγλική σελίδα", municipality=english)
    VolunteerFactory(name="Αλλού")
    login_as(client, "Volunteer coordinators")

    html = client.get(
        f"{reverse('volunteers:index')}?municipality={greek.pk}"
    ).content.decode()

    assert "Από την αγγλική σελίδα" in html
    assert "Αλλού" not in html
    # One option per municipality: the Greek one, not its translations.
    start = html.index('name="municipality"')
    select = html[start : html.index("</select>", start)]
    assert f'value="{greek.pk}"' in select
    assert f'value="{english.pk}"' not in select


def test_service_page_editor_offers_only_its_locales_categories(db):
    page = ServicePage.objects.get(slug="kea", locale__language_code="el")
    form_class = ServicePage.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent(), for_user=None)

    offered = form.fields["categories"].queryset
    assert set(offered.values_list("locale__language_code", flat=True)) == {"el"}
    assert (
        offered.count() == Category.objects.filter(locale__language_code="el").count()
    )
    english = Category.objects.filter(locale__language_code="en").first()
    assert not offered.filter(pk=english.pk).exists()


def english_translation(page, title, slug):
    """The English version of a Greek opportunity page (the same
    translation_key), under the English home page."""
    english = Locale.objects.get(language_code="en")
    parent = Page.objects.filter(locale=english, depth=2).first()
    return VolunteerOpportunityPageFactory(
        parent=parent,
        locale=english,
        translation_key=page.translation_key,
        title=title,
        slug=slug,
    )


def select_of(html, name):
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def test_a_sign_up_on_the_english_page_counts_for_the_greek_opportunity(
    client, volunteering
):
    greek = volunteering["food"]
    english = english_translation(greek, "Food distribution", "food-distribution")
    VolunteerFactory(name="Από την αγγλική σελίδα", interests=[english])
    VolunteerFactory(name="Άλλη δράση", interests=[volunteering["tutoring"]])
    login_as(client, "Volunteer coordinators")
    index = reverse("volunteers:index")

    html = client.get(f"{index}?opportunity={greek.pk}").content.decode()

    assert "Από την αγγλική σελίδα" in html
    assert "Άλλη δράση" not in html
    select = select_of(html, "opportunity")
    assert select.count(f'value="{greek.pk}"') == 1
    assert f'value="{english.pk}"' not in select
    assert "Food distribution" not in select
    assert "Σχολική στήριξη" in select


def test_an_english_speaking_coordinator_gets_one_option_per_thing_in_english(
    client, volunteering
):
    greek = volunteering["food"]
    english = english_translation(greek, "Food distribution", "food-distribution")
    VolunteerFactory(name="Από την ελληνική σελίδα", interests=[greek])
    VolunteerFactory(name="Άλλη δράση", interests=[volunteering["tutoring"]])
    user = login_as(client, "Volunteer coordinators")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    index = reverse("volunteers:index")

    html = client.get(f"{index}?opportunity={english.pk}").content.decode()

    assert "Από την ελληνική σελίδα" in html
    assert "Άλλη δράση" not in html
    select = select_of(html, "opportunity")
    assert "Food distribution" in select and f'value="{english.pk}"' in select
    assert f'value="{greek.pk}"' not in select
    # Not translated into English: still offered, once, in Greek.
    assert select.count("Σχολική στήριξη") == 1


def test_one_thing_reads_one_way_in_the_list_record_and_export(client, volunteering):
    """A sign-up on /en/ names the English municipality and opportunity; a
    Greek coordinator reads the Greek names everywhere, so an export does not
    split one municipality into two spellings."""
    greek_town = Municipality.objects.filter(locale__language_code="el").first()
    english_town = greek_town.get_translation(Locale.objects.get(language_code="en"))
    assert english_town.name != greek_town.name
    greek = volunteering["food"]
    english = english_translation(greek, "Food distribution", "food-distribution")
    volunteer = VolunteerFactory(
        name="Από την αγγλική σελίδα", municipality=english_town, interests=[english]
    )
    login_as(client, "Volunteer coordinators")
    index = reverse("volunteers:index")

    listing = client.get(index).content.decode()
    record = client.get(reverse("volunteers:inspect", args=[volunteer.pk]))
    export = client.get(f"{index}?export=csv").content.decode("utf-8-sig")

    for html in (listing, record.content.decode(), export):
        assert greek_town.name in html
        assert english_town.name not in html
    for text in (record.content.decode(), export):
        assert greek.title in text
        assert "Food distribution" not in text


def as_english_coordinator(client):
    user = login_as(client, "Volunteer coordinators")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    return user


def test_a_draft_translation_is_not_what_staff_read(client, volunteering):
    """An English translation taken offline (or never published) is a draft:
    an English coordinator reads the opportunity's Greek title, which the
    public reads, not the draft's."""
    greek = volunteering["food"]
    english = english_translation(greek, "Draft food distribution", "food-draft")
    english.unpublish()
    volunteer = VolunteerFactory(name="Ελένη", interests=[greek])
    as_english_coordinator(client)
    index = reverse("volunteers:index")

    export = client.get(f"{index}?export=csv").content.decode("utf-8-sig")
    record = client.get(reverse("volunteers:inspect", args=[volunteer.pk]))

    for text in (export, record.content.decode()):
        assert greek.title in text
        assert "Draft food distribution" not in text


def test_an_export_reads_the_translations_once_for_all_rows(client, volunteering):
    """The queries of an export do not grow with its rows: the translations
    of every row's municipality and opportunities are read at once."""
    greek_town = volunteering["municipality"]
    english_town = greek_town.get_translation(Locale.objects.get(language_code="en"))
    assert english_town.name != greek_town.name
    food = english_translation(volunteering["food"], "Food distribution", "food")
    as_english_coordinator(client)
    url = f"{reverse('volunteers:index')}?export=csv"

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            export = client.get(url).content.decode("utf-8-sig")
        return len(queries), export

    VolunteerFactory(
        municipality=volunteering["municipality"],
        interests=[volunteering["food"], volunteering["tutoring"]],
    )
    few, _export = export_queries()
    for _ in range(6):
        VolunteerFactory(
            municipality=english_town, interests=[food, volunteering["tutoring"]]
        )
    many, export = export_queries()

    assert many == few
    assert export.count("Food distribution") == 7
    assert export.count("Σχολική στήριξη") == 7
    assert greek_town.name not in export
    assert export.count(english_town.name) >= 7
