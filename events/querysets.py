"""How the occurrences are asked for: the list, month view, feeds, the Mobile
Unit's schedule and the appointment form all start from these."""

from django.db import models
from django.utils import timezone

from core import privacy
from directory.models import Location
from events.choices import EventKind, EventStatus, OccurrenceStatus


class EventOccurrenceQuerySet(models.QuerySet):
    def live(self):
        """Occurrences of live events the public may see: an event under a
        page view restriction (its own, an ancestor's or a translation's) is
        left out of every list, month, feed and schedule."""
        return self.filter(event__live=True).filter(privacy.public_q("event__"))

    def in_locale(self, locale_id):
        return self.filter(event__locale_id=locale_id)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def mobile_unit_visits(self):
        return self.filter(event__kind=EventKind.MOBILE_UNIT_VISIT)

    def by_mobile_unit(self):
        """The Mobile Unit's visits and the distribution days held at its
        stops: where the unit hands out goods (issue 24), its schedule,
        village pages and calendars show the day too."""
        return self.filter(
            models.Q(event__kind=EventKind.MOBILE_UNIT_VISIT)
            | models.Q(
                event__kind=EventKind.DISTRIBUTION,
                event__location__kind=Location.Kind.MOBILE_STOP,
            )
        )

    def public_events(self):
        return self.filter(event__kind__in=[EventKind.EVENT, EventKind.DISTRIBUTION])

    def distributions(self):
        return self.filter(event__kind=EventKind.DISTRIBUTION)

    def held(self):
        """Occurrences that take place: neither they nor their event are
        cancelled (a closure cancels a visit's occurrence)."""
        return self.filter(status=OccurrenceStatus.SCHEDULED).exclude(
            event__status=EventStatus.CANCELLED
        )

    def at_stop(self, location):
        return self.filter(event__location=location)

    def with_event(self):
        return self.select_related(
            "event", "event__location", "event__location__municipality"
        )
