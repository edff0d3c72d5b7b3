"""Factories for tests and for the demo site (seed_demo)."""

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from appointments.models import AppointmentPage, AppointmentPlace, AppointmentRequest
from appointments.references import new_reference


class AppointmentPageFactory(wagtail_factories.PageFactory):
    title = "Αίτημα για ραντεβού"
    slug = "rantevou"
    intro = "Πείτε μας τι χρειάζεστε και θα σας καλέσουμε να κλείσουμε ραντεβού."

    class Meta:
        model = AppointmentPage
        django_get_or_create = ("parent", "slug")
        skip_postgeneration_save = True

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        """places=[location, ...]: where people can meet the centre."""
        if create and extracted and not self.places.exists():
            for order, location in enumerate(extracted):
                AppointmentPlace.objects.create(
                    page=self, location=location, sort_order=order
                )


class AppointmentRequestFactory(DjangoModelFactory):
    reference = factory.LazyFunction(new_reference)
    name = factory.Sequence(lambda n: f"Δοκιμαστικό Πρόσωπο {n}")
    phone = "+306912345678"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    status = AppointmentRequest.Status.NEW
    privacy_notice_version = factory.LazyFunction(
        lambda: settings.KENTRO_PRIVACY_NOTICE_VERSION
    )
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = AppointmentRequest
        skip_postgeneration_save = True

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
