import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from directory.models import (
    Category,
    Closure,
    DirectoryPage,
    Language,
    Location,
    LocationPhone,
    Municipality,
    OpeningHours,
    Organisation,
    OrganisationPhone,
    ServiceAtLocation,
    ServicePage,
    TargetGroup,
)


class TaxonomyTermFactory(DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True
        django_get_or_create = ("locale", "slug")


class TargetGroupFactory(TaxonomyTermFactory):
    name = factory.Sequence(lambda n: f"Ομάδα {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")

    class Meta:
        model = TargetGroup


class CategoryFactory(TaxonomyTermFactory):
    name = factory.Sequence(lambda n: f"Κατηγορία {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = Category


class MunicipalityFactory(TaxonomyTermFactory):
    name = "Καλαμάτα"
    slug = "kalamata"

    class Meta:
        model = Municipality


class LanguageFactory(DjangoModelFactory):
    code = "el"
    name = "Ελληνικά"
    autonym = "Ελληνικά"

    class Meta:
        model = Language
        django_get_or_create = ("code",)


def _add_phone(phone_model, key):
    """A factory's ``phone="27210 12345"``: that number as the owner's phone,
    added once (a factory that gets an existing owner does not repeat it)."""

    def add(owner, create, number, **kwargs):
        if not (create and number):
            return
        if not phone_model.objects.filter(**{key: owner}, number=number).exists():
            phone_model.objects.create(
                **{key: owner}, number=number, sort_order=owner.phones.count()
            )

    return factory.PostGeneration(add)


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Φορέας {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.MUNICIPAL
    locale = factory.LazyFunction(Locale.get_default)
    phone = _add_phone(OrganisationPhone, "organisation")

    class Meta:
        model = Organisation
        django_get_or_create = ("locale", "slug")
        skip_postgeneration_save = True  # the phone is a row of its own


class LocationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Γραφείο {n}")
    slug = factory.Sequence(lambda n: f"location-{n}")
    kind = Location.Kind.OFFICE
    address = "Αριστομένους 21"
    postal_code = "241 31"
    city = "Καλαμάτα"
    state_province = "Μεσσηνία"
    country = "GR"
    latitude = "37.038300"
    longitude = "22.114200"
    locale = factory.LazyFunction(Locale.get_default)
    phone = _add_phone(LocationPhone, "location")

    class Meta:
        model = Location
        django_get_or_create = ("locale", "slug")
        skip_postgeneration_save = True  # the phone is a row of its own


class OpeningHoursFactory(DjangoModelFactory):
    location = factory.SubFactory(LocationFactory)
    weekday = 0
    opens = datetime.time(8)
    closes = datetime.time(15)

    class Meta:
        model = OpeningHours


class ClosureFactory(DjangoModelFactory):
    starts_on = factory.LazyFunction(datetime.date.today)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    reason = "Αργία"

    class Meta:
        model = Closure


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Προγράμματα και υπηρεσίες"
    slug = "programmata-ypiresies"

    class Meta:
        model = DirectoryPage
        django_get_or_create = ("parent", "slug")


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Υπηρεσία {n}")
    summary = "Τι προσφέρει η υπηρεσία και σε ποιους."

    class Meta:
        model = ServicePage
        django_get_or_create = ("parent", "slug")
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
            self.save()

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
            self.save()


class ServiceAtLocationFactory(DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    location = factory.SubFactory(LocationFactory)

    class Meta:
        model = ServiceAtLocation
