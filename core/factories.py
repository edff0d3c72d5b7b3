"""Factories for tests and for the demo site (seed_demo)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from core.models import AlertBanner


class AlertBannerFactory(DjangoModelFactory):
    title = "Αλλαγή ωραρίου"
    message = "Το Κέντρο θα λειτουργεί με μειωμένο ωράριο."
    kind = AlertBanner.Kind.INFORMATION
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = AlertBanner
