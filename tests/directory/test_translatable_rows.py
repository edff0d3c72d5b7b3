"""A service's documents, places' notes and contacts are translated with the
page (#18): wagtail-localize offers their words, and the English page shows
them in English, with the same links and phone numbers as the Greek one."""

import json
import uuid

import pytest
from django.contrib.auth.models import Group
from django.utils import translation as django_translation
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from core import translation_rows
from directory.hsds.importer import import_services
from directory.models import (
    DirectoryPage,
    Location,
    RequiredDocument,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
)
from events.factories import EventPageFactory
from events.models import EventDateException, EventIndexPage
from tests.directory.test_hsds_schema import DATA_FILE, needs_data
from tests.staff import login_staff

ENGLISH = {
    "Αντίγραφο λογαριασμού ρεύματος": "A copy of the electricity bill",
    "Του τελευταίου διμήνου.": "The latest two months.",
    "Μόνο Τρίτη και Πέμπτη πρωί.": "Only on Tuesday and Thursday mornings.",
    "Γραφείο επιδομάτων": "Benefits office",
}
BILL_URL = "https://www.example.gr/logariasmos"
PHONE = "27210 99999"


@pytest.fixture(autouse=True)
def greek_afterwards():
    """A request for an English page leaves English active in this thread
    (LocaleMiddleware does not switch back); the tests after these expect
    the site's default, Greek."""
    yield
    django_translation.deactivate()


@pytest.fixture
def greek_service(demo_site):
    """A live Greek service of its own, with a document, a place and a
    contact whose words appear nowhere else in the demo."""
    directory = DirectoryPage.objects.live().filter(locale__language_code="el").first()
    location = Location.objects.filter(locale__language_code="el").first()
    page = ServicePage(
        title="Επίδομα δοκιμαστικού ρεύματος",
        slug="epidoma-dokimastikou-revmatos",
        summary="Βοήθεια για τον λογαριασμό ρεύματος.",
    )
    page.required_documents = [
        RequiredDocument(
            name="Αντίγραφο λογαριασμού ρεύματος",
            note="Του τελευταίου διμήνου.",
            url=BILL_URL,
            sort_order=0,
        )
    ]
    page.service_locations = [
        ServiceAtLocation(
            location=location, notes="Μόνο Τρίτη και Πέμπτη πρωί.", sort_order=0
        )
    ]
    page.contacts = [ServiceContact(name="Γραφείο επιδομάτων", phone=PHONE)]
    directory.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language, words):
    """Send ``page`` for translation through wagtail-localize (again, once
    it changed), translate
    each string (``words`` or "EN " and the Greek), save a draft and
    publish it, as a Moderator's approval does. The translated page."""
    locale = Locale.objects.get(language_code=language)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        # "Sync translated pages" after the Greek page changed.
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    for segment in StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    ):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": words.get(segment.string.data, f"EN {segment.string.data}"),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


def test_new_rows_take_their_pages_locale(greek_service):
    assert {
        row.locale.language_code
        for row in [
            *greek_service.required_documents.all(),
            *greek_service.service_locations.all(),
            *greek_service.contacts.all(),
        ]
    } == {"el"}


def test_the_words_of_the_rows_are_offered_for_translation(greek_service):
    source, _created = TranslationSource.get_or_create_from_instance(greek_service)
    offered = dict(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", "context__path"
        )
    )
    assert set(ENGLISH) <= set(offered)
    document = greek_service.required_documents.get()
    assert offered["Αντίγραφο λογαριασμού ρεύματος"] == (
        f"required_documents.{document.translation_key}.name"
    )
    # Links and numbers are the same in every language, not words to translate.
    assert BILL_URL not in offered
    assert PHONE not in offered


def test_the_english_page_shows_the_rows_in_english(client, greek_service):
    english = translate(greek_service, "en", ENGLISH)

    document = english.required_documents.get()
    greek_document = greek_service.required_documents.get()
    assert document.locale.language_code == "en"
    assert document.translation_key == greek_document.translation_key
    assert document.pk != greek_document.pk
    assert (document.name, document.url) == (ENGLISH[greek_document.name], BILL_URL)
    assert english.contacts.get().phone == PHONE

    html = client.get(english.url).content.decode()
    for greek, translated in ENGLISH.items():
        assert translated in html
        assert greek not in html
    # The Greek page keeps its Greek words.
    greek_html = client.get(greek_service.url).content.decode()
    assert "Αντίγραφο λογαριασμού ρεύματος" in greek_html
    assert "A copy of the electricity bill" not in greek_html


def test_a_new_link_or_phone_reaches_the_translation_with_its_words(
    client, greek_service
):
    english = translate(greek_service, "en", ENGLISH)
    new_url = "https://www.example.gr/neos-logariasmos"
    document = greek_service.required_documents.get()
    document.url = new_url
    contact = greek_service.contacts.get()
    contact.phone = "27210 11111"
    greek_service.required_documents = [document]
    greek_service.contacts = [contact]
    greek_service.save_revision().publish()

    translate(greek_service, "en", ENGLISH)

    english.refresh_from_db()
    document = english.required_documents.get()
    assert (document.name, document.url) == ("A copy of the electricity bill", new_url)
    assert english.contacts.get().phone == "27210 11111"
    html = client.get(english.url).content.decode()
    assert new_url in html and "27210 11111" in html
    assert "Αντίγραφο λογαριασμού ρεύματος" not in html


def service_form(page, documents):
    """What the service editor posts for ``page`` with its places and
    contacts as they are and ``documents`` [(id or None, name)]."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "status": page.status,
            # Required since directory 0017 (#25); the editor posts it.
            "review_interval": page.review_interval,
            "description": streamfield([]),
            "application_steps": streamfield([]),
            "eligibility": rich_text(page.eligibility or ""),
            "required_documents": inline_formset(
                [
                    {"id": pk or "", "name": name, "note": "", "url": ""}
                    for pk, name in documents
                ],
                initial=sum(1 for pk, _name in documents if pk),
            ),
            "service_locations": inline_formset(
                [
                    {"id": link.pk, "location": link.location_id, "notes": link.notes}
                    for link in page.service_locations.all()
                ],
                initial=page.service_locations.count(),
            ),
            "contacts": inline_formset(
                [
                    {
                        "id": contact.pk,
                        "name": contact.name,
                        "kind": contact.kind,
                        "phone": contact.phone,
                        "extension": contact.extension or "",
                        "email": contact.email,
                    }
                    for contact in page.contacts.all()
                ],
                initial=page.contacts.count(),
            ),
            "comments": inline_formset([]),
            "accepts_appointments": "on",
        }
    )


def test_an_editor_adds_a_document_to_an_english_page(
    client, django_user_model, demo_site
):
    """An English page the editors keep by hand (the demo's are): the draft
    with a new row saves, and once approved the row is English, beside the
    rows translated from Greek."""
    english = (
        ServicePage.objects.live()
        .filter(locale__language_code="en")
        .exclude(required_documents=None)
        .first()
    )
    documents = [(doc.pk, doc.name) for doc in english.required_documents.all()]
    keys = {doc.translation_key for doc in english.required_documents.all()}
    user = django_user_model.objects.create_user("eleni", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name="Editors"))
    login_staff(client, user)

    response = client.post(
        f"/admin/pages/{english.pk}/edit/",
        service_form(english, [*documents, (None, "Passport or residence permit")]),
    )

    assert response.status_code == 302, response.context["form"].errors
    assert response.url == f"/admin/pages/{english.pk}/edit/"
    # A Moderator approves the draft: its revision is published.
    english.refresh_from_db()
    english.get_latest_revision().publish()
    added = english.required_documents.get(name="Passport or residence permit")
    assert added.locale.language_code == "en"
    assert added.translation_key not in keys
    assert {doc.translation_key for doc in english.required_documents.all()} == {
        *keys,
        added.translation_key,
    }
    html = client.get(english.url).content.decode()
    assert "Passport or residence permit" in html


def test_a_date_exceptions_note_is_offered_for_translation(demo_site):
    index = EventIndexPage.objects.filter(locale__language_code="el").first()
    event = EventPageFactory(parent=index, repeat="weekly", repeat_count=3)
    event.date_exceptions = [
        EventDateException(
            date=event.start.date(),
            kind=EventDateException.Kind.CANCELLED,
            note="Κλειστά λόγω απεργίας",
        )
    ]
    event.save_revision().publish()
    exception = EventDateException.objects.get(event=event)
    assert exception.locale.language_code == "el"
    source, _created = TranslationSource.get_or_create_from_instance(event)
    assert StringSegment.objects.filter(
        source=source, string__data="Κλειστά λόγω απεργίας"
    ).exists()


def test_existing_rows_get_their_pages_locale_and_shared_keys(greek_service):
    """The migrations' data step (core.translation_rows.populate): a
    translation's i-th row shares the key of the Greek page's i-th row."""
    english_locale = Locale.objects.get(language_code="en")
    greek_service.required_documents.add(
        RequiredDocument(name="Ταυτότητα", sort_order=1)
    )
    greek_service.save()
    english = greek_service.copy_for_translation(english_locale)
    english.required_documents.add(RequiredDocument(name="Extra", sort_order=5))
    english.save()
    # Rows as they were before the migration: keys of their own, any locale.
    for row in RequiredDocument.objects.filter(service__in=[greek_service, english]):
        row.translation_key = uuid.uuid4()
        row.locale = english_locale
        row.save()

    updated = translation_rows.populate(RequiredDocument, Page, "service", "el")

    assert updated == RequiredDocument.objects.count()
    greek_rows = list(greek_service.required_documents.order_by("sort_order"))
    english_rows = list(english.required_documents.order_by("sort_order"))
    assert [row.locale.language_code for row in greek_rows] == ["el", "el"]
    assert [row.locale.language_code for row in english_rows] == ["en"] * 3
    assert [row.translation_key for row in english_rows[:2]] == [
        row.translation_key for row in greek_rows
    ]
    assert english_rows[2].translation_key not in {
        row.translation_key for row in greek_rows
    }
    # Every other page's rows keep the one-key-per-locale rule.
    assert (
        RequiredDocument.objects.values("translation_key", "locale").distinct().count()
        == RequiredDocument.objects.count()
    )


@needs_data
@pytest.mark.usefixtures("empty_directory")
def test_a_new_import_keeps_the_translations_of_the_rows(home, client):
    """A re-import replaces a service's rows; each new row keeps the key of
    the row it replaces (by HSDS id), so wagtail-localize still finds the
    translated words of the English page's rows."""
    records = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    record = next(r for r in records if len(r["required_documents"]) > 1)
    import_services(records)
    page = ServicePage.objects.get(translation_key=record["id"])
    keys = [row.translation_key for row in page.required_documents.all()]
    english = translate(page, "en", {})
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    record["name"] += " (νέο)"

    import_services(records)
    translation.source.update_from_db()
    translation.save_target(publish=True)

    page.refresh_from_db()
    assert [row.translation_key for row in page.required_documents.all()] == keys
    english.refresh_from_db()
    assert [doc.name for doc in english.required_documents.all()] == [
        f"EN {doc.name}" for doc in page.required_documents.all()
    ]


def test_a_copied_service_has_rows_of_its_own(greek_service):
    """Copying a page to start a similar service (the admin's Copy) gives
    its rows new keys: they translate nothing of the original's."""
    copy = greek_service.copy(
        to=greek_service.get_parent(),
        update_attrs={"slug": "antigrafo-ypiresias", "title": "Αντίγραφο"},
    )

    document = copy.required_documents.get()
    original = greek_service.required_documents.get()
    assert document.name == original.name
    assert document.locale == original.locale
    assert document.translation_key != original.translation_key


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_demos_translated_rows_translate_the_greek_ones(demo_site, language):
    """The demo's translated services (portal/demo/translations.json) have
    rows in their language, keyed like the Greek rows, with their words."""
    greek = ServicePage.objects.get(locale__language_code="el", slug="kea")
    translated = greek.get_translation(Locale.objects.get(language_code=language))
    for relation in ("required_documents", "service_locations", "contacts"):
        greek_rows = list(getattr(greek, relation).all())
        rows = list(getattr(translated, relation).all())
        assert rows and [row.translation_key for row in rows] == [
            row.translation_key for row in greek_rows
        ]
        assert {row.locale.language_code for row in rows} == {language}
    assert [doc.name for doc in translated.required_documents.all()] != [
        doc.name for doc in greek.required_documents.all()
    ]
