import datetime
import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import EventStatus, OccurrenceStatus
from events.querysets import EventOccurrenceQuerySet


class EventOccurrence(models.Model):
    """One date of an event, expanded from its rule when the event is published
    (and again when a closure is entered, for the Mobile Unit's visits).

    ``sequence`` and ``modified_at`` count the changes a calendar would show
    (times, status, reason, title, place): a calendar app that has a copy
    replaces it with the newer one (RFC 5545 SEQUENCE and LAST-MODIFIED).
    """

    Status = OccurrenceStatus

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    reason = models.CharField(
        _("reason"),
        max_length=200,
        blank=True,
        help_text=_("Why it is cancelled or shorter (a holiday, a closure)."),
    )
    planned_start = models.DateTimeField(
        _("usually starts"),
        null=True,
        blank=True,
        help_text=_("Set when shorter hours changed the times."),
    )
    planned_end = models.DateTimeField(_("usually ends"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    modified_at = models.DateTimeField(_("last changed"), default=timezone.now)
    signature = models.CharField(max_length=32, blank=True, editable=False)

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
            or self.event.status == EventStatus.CANCELLED
        )

    @property
    def is_postponed(self):
        return self.event.status == EventStatus.POSTPONED

    @property
    def is_shortened(self):
        return self.planned_start is not None and not self.is_cancelled

    @property
    def key_start(self):
        """The start the rule gave, which names the occurrence for good
        (its UID), whatever shorter hours did to it."""
        return self.planned_start or self.start

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def local_planned_start(self):
        return timezone.localtime(self.planned_start) if self.planned_start else None

    @property
    def local_planned_end(self):
        return timezone.localtime(self.planned_end) if self.planned_end else None

    @property
    def spans_days(self):
        last = timezone.localtime(self.end)
        if self.event.all_day:
            return (last.date() - self.local_start.date()).days > 1
        return last.date() != self.local_start.date()

    def fingerprint(self):
        """What a calendar shows of this date, condensed: a change of it is a
        new revision."""
        event = self.event
        parts = (
            self.start.astimezone(datetime.UTC).isoformat(),
            self.end.astimezone(datetime.UTC).isoformat(),
            self.status,
            self.reason,
            event.title,
            event.summary,
            event.status,
            event.all_day,
            event.location_id,
            event.online_url,
        )
        text = "\x1f".join(str(part) for part in parts)
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
