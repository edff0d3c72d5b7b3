"""Factories for tests and for the demo site (seed_demo)."""

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from volunteers.models import Volunteer, VolunteerIndexPage, VolunteerOpportunityPage


class VolunteerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Εθελοντισμός"
    slug = "ethelontismos"
    intro = "Δώστε λίγο από τον χρόνο σας στη γειτονιά σας."

    class Meta:
        model = VolunteerIndexPage
        django_get_or_create = ("parent", "slug")


class VolunteerOpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Εθελοντική δράση {n}")
    slug = factory.Sequence(lambda n: f"drasi-{n}")
    summary = "Τι θα κάνετε και πόσο χρόνο χρειάζεται."
    time_commitment = "Δύο ώρες την εβδομάδα"

    class Meta:
        model = VolunteerOpportunityPage
        django_get_or_create = ("parent", "slug")


class VolunteerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Δοκιμαστικός Εθελοντής {n}")
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    phone = "+306912345678"
    status = Volunteer.Status.NEW
    skills = factory.LazyFunction(lambda: ["food"])
    availability = factory.LazyFunction(lambda: ["0-morning"])
    is_adult = True
    privacy_notice_version = factory.LazyFunction(
        lambda: settings.KENTRO_PRIVACY_NOTICE_VERSION
    )
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda o: None if o.status == Volunteer.Status.UNCONFIRMED else timezone.now()
    )

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)
