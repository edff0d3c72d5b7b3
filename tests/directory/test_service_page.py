import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import ClosureFactory
from directory.models import RequiredDocument, ServiceContact, ServicePage
from tests.staff import login_staff


def service(catalogue, slug="epidoma-stegasis"):
    return ServicePage.objects.child_of(catalogue).get(slug=slug)


def add_details(page):
    RequiredDocument.objects.create(service=page, name="Ταυτότητα", sort_order=0)
    RequiredDocument.objects.create(
        service=page,
        name="Εκκαθαριστικό εφορίας",
        note="του τελευταίου έτους",
        sort_order=1,
    )
    ServiceContact.objects.create(
        service=page, name="Κοινωνική υπηρεσία", phone="27210 99100"
    )
    page.application_steps = [
        ("step", {"title": "Κλείστε ραντεβού", "detail": ""}),
        ("step", {"title": "Φέρτε τα δικαιολογητικά", "detail": ""}),
    ]
    page.application_url = "https://www.gov.gr/"
    page.save()


def test_service_page_shows_summary_documents_steps_and_where(client, catalogue):
    page = service(catalogue)
    add_details(page)
    html = client.get(page.url).content.decode().split("<main")[1]
    assert html.index(page.summary) < html.index("Ταυτότητα")
    assert html.index("Ταυτότητα") < html.index("Εκκαθαριστικό εφορίας")
    assert html.index("Κλείστε ραντεβού") < html.index("Φέρτε τα δικαιολογητικά")
    assert "Κέντρο Κοινότητας" in html and "Αριστομένους 21" in html
    assert 'href="tel:2721099100"' in html
    assert 'href="https://www.gov.gr/"' in html
    assert 'data-map data-lat="37.038300"' in html
    assert "openstreetmap.org/directions" in html


def test_today_hours_and_open_now_badge(client, catalogue, settings):
    page = service(catalogue)
    html = client.get(page.url).content.decode()
    assert "badge--open" in html or "badge--closed" in html


def test_a_holiday_shows_the_location_closed_with_the_reason(client, catalogue):
    ClosureFactory(starts_on=datetime.date.today(), reason="Τοπική αργία")
    html = client.get(service(catalogue).url).content.decode()
    assert "badge--closed" in html
    assert "Τοπική αργία" in html


def test_temporarily_closed_service_says_so_first(client, catalogue):
    page = service(catalogue)
    page.status = ServicePage.Status.TEMPORARILY_CLOSED
    page.status_note = "Οι αιτήσεις ξανανοίγουν τον Ιανουάριο."
    page.save()
    html = client.get(page.url).content.decode().split("<main")[1]
    assert "Οι αιτήσεις ξανανοίγουν τον Ιανουάριο." in html
    assert html.index("alert--closure") < html.index(page.summary)


def test_print_view_keeps_the_checklist_and_drops_the_map(client, catalogue):
    page = service(catalogue)
    add_details(page)
    response = client.get(page.url + "ektyposi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ταυτότητα" in html and "Κλείστε ραντεβού" in html
    assert "data-map" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_organisation_and_location_pages_list_their_services(client, catalogue):
    organisation = client.get(catalogue.url + "foreis/dimos/")
    assert organisation.status_code == 200
    assert "Κοινωνικό Παντοπωλείο" in organisation.content.decode()
    location = client.get(catalogue.url + "topothesies/kentro/")
    assert location.status_code == 200
    html = location.content.decode()
    assert "Επίδομα Στέγασης" in html and "Παλιό πρόγραμμα" not in html
    assert client.get(catalogue.url + "topothesies/den-yparxei/").status_code == 404


def test_service_page_queries_are_bounded(client, catalogue):
    page = service(catalogue)
    add_details(page)
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)
    assert len(queries) <= 12


def test_an_editor_can_open_a_service_in_the_admin(
    client, catalogue, django_user_model
):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("maria", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    login_staff(client, editor)
    page = service(catalogue)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Επίδομα Στέγασης" in response.content.decode()
    assert client.get("/admin/snippets/directory/location/").status_code == 200
