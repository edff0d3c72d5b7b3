"""Factories for tests and for the demo site (seed_demo)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from portal.models import (
    CampaignIndexPage,
    CampaignPage,
    HomePage,
    StandardPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Κέντρο Κοινότητας"
    slug = "home"

    class Meta:
        model = HomePage
        django_get_or_create = ("parent", "slug")


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Σελίδα {n}")
    intro = "Σύντομη εισαγωγή στη σελίδα."

    class Meta:
        model = StandardPage
        django_get_or_create = ("parent", "slug")


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ενημερωτικές δράσεις"
    slug = "enimerosi"

    class Meta:
        model = CampaignIndexPage
        django_get_or_create = ("parent", "slug")


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ενημέρωση {n}")
    summary = "Τι αφορά η ενημέρωση και ποιους ενδιαφέρει."
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=30))

    class Meta:
        model = CampaignPage
        django_get_or_create = ("parent", "slug")
        skip_postgeneration_save = True

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
            self.save()
