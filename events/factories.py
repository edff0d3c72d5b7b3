"""Factories for tests and for the demo site (seed_demo)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventDateException, EventIndexPage, EventPage, MobileUnitPage
from events.recurrence import localise


def local_datetime(day, hour=10, minute=0):
    """An aware Europe/Athens datetime for a day and a wall-clock time."""
    return localise(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Εκδηλώσεις"
    slug = "ekdiloseis"
    intro = "Ενημερωτικές ημερίδες, πολιτιστικές και εκπαιδευτικές εκδηλώσεις."

    class Meta:
        model = EventIndexPage
        django_get_or_create = ("parent", "slug")


class MobileUnitPageFactory(wagtail_factories.PageFactory):
    title = "Κινητή Μονάδα"
    slug = "kiniti-monada"
    intro = "Πού θα βρίσκεται η Κινητή Μονάδα του Κέντρου τις επόμενες εβδομάδες."

    class Meta:
        model = MobileUnitPage
        django_get_or_create = ("parent", "slug")


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Εκδήλωση {n}")
    slug = factory.Sequence(lambda n: f"ekdilosi-{n}")
    summary = "Τι θα γίνει και για ποιους."
    start = factory.LazyFunction(
        lambda: local_datetime(timezone.localdate() + datetime.timedelta(days=3))
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage
        django_get_or_create = ("parent", "slug")
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
            self.save()

    @factory.post_generation
    def audience(self, create, extracted, **kwargs):
        if create and extracted:
            self.audience.set(extracted)
            self.save()

    @factory.post_generation
    def exceptions(self, create, extracted, **kwargs):
        """[(date, kind)] of exception dates."""
        if create and extracted:
            for day, kind in extracted:
                EventDateException.objects.get_or_create(
                    event=self, date=day, kind=kind
                )

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        """Publish (and so expand the occurrences) unless publish=False."""
        if create and extracted is not False:
            self.save_revision().publish()
