"""Factories for tests and for the demo site (seed_demo)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from goods.models import DropOffPoint, GoodsCategory, NeedItem, NeedsPage, Urgency


class NeedsPageFactory(wagtail_factories.PageFactory):
    title = "Τι χρειαζόμαστε"
    slug = "ti-chreiazomaste"
    intro = "Ό,τι φέρνετε φτάνει σε οικογένειες της πόλης μας."

    class Meta:
        model = NeedsPage
        django_get_or_create = ("parent", "slug")


class NeedItemFactory(DjangoModelFactory):
    category = GoodsCategory.FOOD
    name = factory.Sequence(lambda n: f"Είδος {n}")
    urgency = Urgency.NEEDED
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = NeedItem


class DropOffPointFactory(DjangoModelFactory):
    page = factory.SubFactory(NeedsPageFactory)
    location = factory.SubFactory("directory.factories.LocationFactory")
    accepts = factory.LazyFunction(list)

    class Meta:
        model = DropOffPoint
