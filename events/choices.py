"""The events' vocabularies, apart from the models so that the querysets,
filters and calendars that use them need not import a page model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    EVENT = "event", _("Event")
    MOBILE_UNIT_VISIT = "mobile_unit_visit", _("Mobile Unit visit")
    # A day basic goods are handed out (issue 24): in the events list and
    # feeds like an event, with who may come and what to bring.
    DISTRIBUTION = "distribution", _("Distribution day")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
