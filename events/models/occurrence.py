from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.event import EventPage


class EventOccurrenceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(event__live=True)

    def in_locale(self, locale_id):
        return self.filter(event__locale_id=locale_id)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def mobile_unit_visits(self):
        return self.filter(event__kind=EventPage.Kind.MOBILE_UNIT_VISIT)

    def public_events(self):
        return self.filter(event__kind=EventPage.Kind.EVENT)

    def with_event(self):
        return self.select_related(
            "event", "event__location", "event__location__municipality"
        )


class EventOccurrence(models.Model):
    """One date of an event, expanded from its rule when the event is published."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["event", "start"], name="events_occ_event_start")
        ]

    def __str__(self):
        return f"{self.event} ({timezone.localtime(self.start):%d/%m/%Y %H:%M})"

    @property
    def is_cancelled(self):
        return (
            self.status == self.Status.CANCELLED
            or self.event.status == EventPage.Status.CANCELLED
        )

    @property
    def is_postponed(self):
        return self.event.status == EventPage.Status.POSTPONED

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def spans_days(self):
        last = timezone.localtime(self.end)
        if self.event.all_day:
            return (last.date() - self.local_start.date()).days > 1
        return last.date() != self.local_start.date()
