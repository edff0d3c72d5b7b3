from django.core.management import call_command

from appointments.models import AppointmentPage, AppointmentRequest


def test_demo_has_the_page_in_three_languages_and_forty_requests_in_every_status(
    db, django_db_blocker
):
    # conftest's autouse fixture set the seeded requests aside: seed again.
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    pages = AppointmentPage.objects.live()
    assert sorted(page.url for page in pages) == [
        "/ar/rantevou/",
        "/en/rantevou/",
        "/rantevou/",
    ]
    assert all(page.places.count() == 2 for page in pages)
    requests = AppointmentRequest.objects.all()
    assert 35 <= requests.count() <= 45
    assert set(requests.values_list("status", flat=True)) == set(
        AppointmentRequest.Status.values
    )
    assert requests.filter(scheduled_at__isnull=False, status="scheduled").count()
    assert all(request.history.exists() for request in requests)

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AppointmentRequest.objects.count() == requests.count()
