"""The review cycle of locations and organisations (issue #25): the same
rules as services (directory.review), a check that applies to every
translation of the record, the due list that holds the three kinds, and the
public pages that say when and by whom a place or organisation was checked
and ask to call when it is out of date, in every language."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory import calendar, review
from directory.factories import (
    LocationFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
)
from directory.forms import ReviewedSnippetForm
from directory.models import (
    DirectoryPage,
    Location,
    LocationPhone,
    Organisation,
    OrganisationPhone,
    ServicePage,
)
from tests.goods.conftest import login_as, make_user

DAY = datetime.date


def months_ago(months):
    return review.add_months(calendar.today(), -months)


# The rules, for the three kinds ---------------------------------------------


def test_a_location_and_an_organisation_fall_due_as_a_service_does():
    for record in (
        Location(last_reviewed=DAY(2026, 8, 31), review_interval=6),
        Organisation(last_reviewed=DAY(2026, 8, 31), review_interval=3),
    ):
        due = review.due_on(record)
        assert not review.is_due(record, due - datetime.timedelta(days=1))
        assert review.is_due(record, due)
        stale = review.out_of_date_from(record)
        assert not review.is_out_of_date(record, stale - datetime.timedelta(days=1))
        assert review.is_out_of_date(record, stale)
    assert review.due_on(Location(last_reviewed=DAY(2026, 8, 31))) == DAY(2027, 2, 28)
    assert review.due_on(
        Organisation(last_reviewed=DAY(2026, 8, 31), review_interval=3)
    ) == DAY(2026, 11, 30)
    assert review.out_of_date_from(Location(last_reviewed=None)) is None


def test_a_new_location_and_organisation_are_checked_every_six_months(db):
    assert LocationFactory().review_interval == 6
    assert OrganisationFactory().review_interval == 6


def test_the_due_list_holds_services_locations_and_organisations(
    services_under_review,
):
    today = calendar.today()
    LocationFactory(slug="fresh-place", name="fresh-place", last_reviewed=months_ago(1))
    LocationFactory(slug="old-place", name="old-place", last_reviewed=months_ago(30))
    OrganisationFactory(slug="new-org", name="new-org", last_reviewed=None)
    due = review.due_records(today)
    assert [(type(r).__name__, str(r)) for r in due] == [
        ("ServicePage", "never"),
        ("Organisation", "new-org"),
        ("Location", "old-place"),
        ("ServicePage", "long-due"),
        ("ServicePage", "due"),
    ]
    assert review.count_due(today) == 5
    # The services' own list and share are of services alone.
    assert [s.slug for s in review.due_services(today)] == ["never", "long-due", "due"]
    assert review.share_checked(today) == pytest.approx(2 / 5)


def test_the_due_list_filters_places_by_owner_and_organisation(
    services_under_review, django_user_model
):
    today = calendar.today()
    owner = django_user_model.objects.create_user("eleni", "e@example.org", "pw")
    mine = LocationFactory(slug="mine", name="mine", last_reviewed=None)
    mine.review_owners.set([owner])
    mine.save()
    LocationFactory(slug="theirs", name="theirs", last_reviewed=None)
    assert [str(r) for r in review.due_records(today, owner=owner)] == ["mine"]

    partner = OrganisationFactory(slug="opeka", name="ΟΠΕΚΑ", last_reviewed=None)
    service = services_under_review["due"]
    ServicePage.objects.filter(pk=service.pk).update(organisation=partner)
    ServiceAtLocationFactory(service=service, location=mine)
    theirs = [str(r) for r in review.due_records(today, organisation=partner)]
    # Its service, itself, and the place where its service is offered.
    assert sorted(theirs[:2]) == ["mine", "ΟΠΕΚΑ"]
    assert theirs[2:] == ["due"]


def test_a_check_of_one_translation_is_the_check_of_every_translation(demo_site):
    english = Locale.objects.get(language_code="en")
    for model, slug in (
        (Location, "kapi-kalamatas"),
        (Organisation, "dimos-kalamatas"),
    ):
        greek = model.objects.get(locale__language_code="el", slug=slug)
        translated = greek.get_translation(english)
        translated.last_reviewed = DAY(2026, 9, 12)
        translated.reviewed_by = "organisation"
        translated.review_interval = 12
        translated.save()
        for record in model.objects.filter(translation_key=greek.translation_key):
            assert (
                record.last_reviewed,
                record.reviewed_by,
                record.review_interval,
            ) == (DAY(2026, 9, 12), "organisation", 12), record.locale


def test_the_number_to_confirm_a_place_is_its_first_phone(db):
    place = LocationFactory()
    assert review.phone_to_confirm(place) == ""
    LocationPhone.objects.create(location=place, number="27210 99240", sort_order=0)
    LocationPhone.objects.create(location=place, number="27210 11111", sort_order=1)
    organisation = OrganisationFactory()
    OrganisationPhone.objects.create(organisation=organisation, number="1555")
    assert review.phone_to_confirm(Location.objects.get(pk=place.pk)) == "27210 99240"
    assert review.phone_to_confirm(organisation) == "1555"


def test_the_demo_places_are_checked_and_one_stop_is_due(demo_site):
    today = calendar.today()
    places = [
        *review.reviewed_locations(),
        *review.reviewed_organisations(),
    ]
    assert all(record.last_reviewed for record in places)
    assert not any(review.is_out_of_date(record, today) for record in places)
    due = [str(r) for r in review.due_records(today) if r in places]
    assert due == [
        str(Location.objects.get(locale__language_code="el", slug="kinito-stoupa"))
    ]


def test_only_staff_can_be_chosen_to_check_a_place(db, django_user_model):
    editor = make_user("Editors")
    member = django_user_model.objects.create_user("visitor", "v@example.org", "x")
    for model in (Location, Organisation):
        form_class = model.snippet_viewset.get_edit_handler().get_form_class()
        assert issubclass(form_class, ReviewedSnippetForm)
        form = form_class(instance=model(), for_user=editor)
        assert {"last_reviewed", "reviewed_by", "review_interval"} <= set(form.fields)
        choices = form.fields["review_owners"].queryset
        assert editor in choices and member not in choices
    assert "review_email" in (
        Organisation.snippet_viewset.get_edit_handler().get_form_class().base_fields
    )


# The public pages -------------------------------------------------------------


def record_page(model, slug, language):
    """The public page of the demo's record ``slug`` in ``language``."""
    directory = DirectoryPage.objects.get(locale__language_code=language)
    route = "location" if model is Location else "organisation"
    return directory.url + directory.reverse_subpage(route, args=[slug])


def checked(model, slug, day, by, interval=6):
    greek = model.objects.get(locale__language_code="el", slug=slug)
    greek.last_reviewed, greek.reviewed_by, greek.review_interval = day, by, interval
    greek.save()  # as the editor does: every translation is stamped
    return greek


def main_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1]


RECORDS = [(Location, "kapi-kalamatas"), (Organisation, "dimos-kalamatas")]


@pytest.mark.parametrize(("model", "slug"), RECORDS)
@pytest.mark.parametrize(
    ("language", "by", "text"),
    [
        ("el", "organisation", "Ελέγχθηκε στις 12 Σεπτεμβρίου 2026 από τον φορέα."),
        ("el", "centre", "Ελέγχθηκε στις 12 Σεπτεμβρίου 2026 από το Κέντρο."),
        ("en", "organisation", "Checked on 12 September 2026 by the organisation."),
        ("en", "centre", "Checked on 12 September 2026 by the Centre."),
        ("ar", "organisation", "تحقّقت منها الجهة المقدِّمة في 12 سبتمبر 2026."),
        ("ar", "centre", "تحقّق منها المركز في 12 سبتمبر 2026."),
    ],
)
def test_the_page_says_when_and_by_whom_it_was_checked(
    client, demo_site, model, slug, language, by, text
):
    checked(model, slug, DAY(2026, 9, 12), by, interval=12)
    assert text in main_html(client, record_page(model, slug, language))


@pytest.mark.parametrize(("model", "slug"), RECORDS)
def test_a_page_never_checked_says_nothing_about_checks(client, demo_site, model, slug):
    checked(model, slug, None, "")
    html = main_html(client, record_page(model, slug, "el"))
    assert "Ελέγχθηκε" not in html and "ελέγχθηκαν" not in html
    assert "επίκαιρες" not in html


NOTICE = {
    "el": "Οι πληροφορίες μπορεί να μην είναι επίκαιρες — τηλεφωνήστε για επιβεβαίωση.",
    "en": "This information may be out of date — call to confirm.",
    "ar": "قد تكون هذه المعلومات غير محدَّثة — اتصل للتأكد.",
}


@pytest.mark.parametrize(("model", "slug"), RECORDS)
@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_an_out_of_date_page_asks_to_call_its_first_phone(
    client, demo_site, model, slug, language
):
    greek = checked(model, slug, months_ago(13), "centre")
    if greek.first_phone is None:
        greek.phones.create(number="27210 99240")
    html = main_html(client, record_page(model, slug, language))
    assert NOTICE[language] in html
    notice = html.split("stale-notice", 1)[1].split("</div>", 1)[0]
    # The page shows its record in its language, else the Greek one.
    shown = (
        model.objects.filter(
            translation_key=greek.translation_key, locale__language_code=language
        ).first()
        or greek
    )
    phone = shown.phones.first().number
    assert f'href="tel:{phone.replace(" ", "")}"' in notice
    # At the top, under the heading.
    assert html.index(NOTICE[language]) < html.index("</header>")


@pytest.mark.parametrize(("model", "slug"), RECORDS)
def test_a_page_checked_within_twice_its_interval_has_no_notice(
    client, demo_site, model, slug
):
    checked(model, slug, months_ago(11), "centre")
    assert NOTICE["el"] not in main_html(client, record_page(model, slug, "el"))


def test_an_out_of_date_place_without_a_phone_still_says_so(client, demo_site):
    greek = checked(Location, "kapi-kalamatas", months_ago(25), "organisation", 12)
    LocationPhone.objects.filter(
        location__translation_key=greek.translation_key
    ).delete()
    html = main_html(client, record_page(Location, "kapi-kalamatas", "el"))
    assert NOTICE["el"] in html
    assert "tel:" not in html.split("stale-notice", 1)[1].split("</div>", 1)[0]


def test_an_editor_checks_an_english_organisation_and_every_page_says_so(
    client, demo_site
):
    """The check typed in the English record's editor is the record's: the
    Greek page (and the report, which reads the Greek record) shows it."""
    editor = login_as(client, "Editors")
    greek = Organisation.objects.get(locale__language_code="el", slug="dimos-kalamatas")
    english = greek.get_translation(Locale.objects.get(language_code="en"))
    url = reverse(Organisation.snippet_viewset.get_url_name("edit"), args=[english.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Έλεγχος των πληροφοριών" in form.content.decode()
    data = nested_form_data(
        {
            "name": english.name,
            "alternate_name": english.alternate_name,
            "slug": english.slug,
            "kind": english.kind,
            "description": english.description,
            "website": english.website,
            "email": english.email,
            "phones": inline_formset(
                [
                    {"id": phone.pk, "number": phone.number, "type": phone.type}
                    for phone in english.phones.all()
                ],
                initial=english.phones.count(),
            ),
            "last_reviewed": "2026-09-12",
            "reviewed_by": "organisation",
            "review_interval": "12",
            "review_owners": [editor.pk],
            "review_email": "check@kalamata.gr",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    greek.refresh_from_db()
    assert (greek.last_reviewed, greek.reviewed_by, greek.review_interval) == (
        DAY(2026, 9, 12),
        "organisation",
        12,
    )
    html = main_html(client, record_page(Organisation, "dimos-kalamatas", "el"))
    assert "Ελέγχθηκε στις 12 Σεπτεμβρίου 2026 από τον φορέα." in html
