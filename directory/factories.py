import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from directory.models import TargetGroup


class TargetGroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ομάδα {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = TargetGroup
        django_get_or_create = ("locale", "slug")
