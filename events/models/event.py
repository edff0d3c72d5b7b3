import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.forms import LocaleChoicesPageForm
from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from directory.models import Category, Location, Organisation, TargetGroup
from events import caching, closures, recurrence, views
from events.choices import EventKind, EventStatus
from events.fields import WeekdaysField, weekday_numbers
from events.models.occurrence import EventOccurrence
from events.panels import ClosureWarningPanel

NEXT_OCCURRENCES_SHOWN = 6
NO_DATE_MESSAGE = _(
    "These settings produce no date at all: check the days, "
    "the end date and the exceptions."
)


class EventPageForm(LocaleChoicesPageForm):
    """The event editor. The page alone cannot see the exceptions being
    edited with it; this form refuses a rule whose every date is left out."""

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        exceptions = self.formsets.get("date_exceptions")
        if not (start and end) or exceptions is None or not exceptions.is_valid():
            return cleaned_data
        excluded = {
            form.cleaned_data["date"]
            for form in exceptions.forms
            if form.cleaned_data.get("date")
            and form.cleaned_data.get("kind") == EventDateException.Kind.EXCLUDED
            and not form.cleaned_data.get("DELETE")
        }
        if not excluded:
            return cleaned_data
        rule = recurrence.build_rule(
            cleaned_data.get("repeat", ""),
            interval=cleaned_data.get("interval") or 1,
            weekdays=weekday_numbers(cleaned_data.get("weekdays")),
            week_of_month=cleaned_data.get("week_of_month"),
            until=cleaned_data.get("repeat_until"),
            count=cleaned_data.get("repeat_count"),
        )
        if not recurrence.has_a_date(recurrence.to_local(start), rule, excluded):
            self.add_error("repeat" if rule else None, NO_DATE_MESSAGE)
        return cleaned_data


class EventPage(PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page):
    """An event, one-off or recurring; a Mobile Unit visit is one kind of event."""

    Kind = EventKind
    Status = EventStatus

    class Repeat(models.TextChoices):
        NEVER = "", _("Does not repeat")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, _("First")
        SECOND = 2, _("Second")
        THIRD = 3, _("Third")
        FOURTH = 4, _("Fourth")
        LAST = -1, _("Last")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.EVENT
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("What happens and who it is for, in plain words."),
    )
    start = models.DateTimeField(
        _("starts"), help_text=_("Of the first occurrence, Greek time.")
    )
    end = models.DateTimeField(_("ends"), help_text=_("Of the first occurrence."))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Times are not shown.")
    )
    repeat = models.CharField(
        _("repeats"), max_length=10, choices=Repeat.choices, default="", blank=True
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        help_text=_("1 = every week (or day, month), 2 = every other one..."),
    )
    weekdays = WeekdaysField(
        _("on these days"),
        help_text=_("For weekly events; for monthly ones with the week below."),
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_('For monthly events, e.g. "second" Tuesday.'),
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of occurrences"),
        null=True,
        blank=True,
        help_text=_("Instead of an end date."),
    )
    rule = models.CharField(
        _("recurrence rule"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("RFC 5545 RRULE, built from the fields above."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For an event held online.")
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(
        _("organiser (other)"),
        max_length=200,
        blank=True,
        help_text=_("When the organiser is not in the directory."),
    )
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="events"
    )
    audience = ParentalManyToManyField(
        TargetGroup, verbose_name=_("audience"), blank=True, related_name="events"
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    who_can_come = models.TextField(
        _("who can come"),
        blank=True,
        max_length=1000,
        help_text=_("For a distribution day: who is eligible, in plain words."),
    )
    what_to_bring = models.TextField(
        _("what to bring"),
        blank=True,
        max_length=1000,
        help_text=_("One item per line, e.g. the card of the Social Grocery."),
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image alternative text"), max_length=250, blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("interval")]),
                FieldPanel("weekdays"),
                FieldPanel("week_of_month"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("date_exceptions", label=_("Exceptions")),
            ],
            heading=_("Repeats"),
        ),
        ClosureWarningPanel(heading=_("Holidays and closures")),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("online_url"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_name"),
                FieldPanel("registration_url"),
            ],
            heading=_("Organiser and registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("who_can_come"), FieldPanel("what_to_bring")],
            heading=_("Who can come and what to bring"),
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.rule = self.build_rule()
        super().save(*args, **kwargs)

    # Recurrence -----------------------------------------------------------

    def build_rule(self):
        return recurrence.build_rule(
            self.repeat,
            interval=self.interval,
            weekdays=weekday_numbers(self.weekdays),
            week_of_month=self.week_of_month,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    def exception_dates(self, kind):
        return [
            exception.date
            for exception in self.date_exceptions.all()
            if exception.kind == kind
        ]

    def expand(self, horizon=None):
        """(start, end, cancelled) of every occurrence up to the horizon, as
        the rule and the exceptions give them."""
        if self.start is None or self.end is None:
            return []
        if horizon is None:
            horizon = timezone.now() + datetime.timedelta(days=recurrence.HORIZON_DAYS)
        start, end = self.start, self.end
        if self.all_day:
            start, end = all_day_bounds(start, end)
        cancelled = set(self.exception_dates(EventDateException.Kind.CANCELLED))
        return [
            (
                occurrence_start,
                occurrence_end,
                self.status == self.Status.CANCELLED
                or occurrence_start.astimezone(recurrence.EVENT_TIME_ZONE).date()
                in cancelled,
            )
            for occurrence_start, occurrence_end in recurrence.expand(
                start,
                end,
                self.build_rule(),
                self.exception_dates(EventDateException.Kind.EXCLUDED),
                horizon,
            )
        ]

    @property
    def is_distribution(self):
        return self.kind == self.Kind.DISTRIBUTION

    @property
    def follows_closures(self):
        """A Mobile Unit visit does not run when the centre or its stop is
        closed, and runs shorter hours with them; other events are the
        editors' to cancel (they are warned)."""
        return self.kind == self.Kind.MOBILE_UNIT_VISIT

    def planned_occurrences(self, horizon=None):
        """The occurrences to store (unsaved), with what the calendar of
        holidays and closures does to a visit: cancelled, or shorter, and why.
        One query for the closures."""
        notes = {
            exception.date: exception.note
            for exception in self.date_exceptions.all()
            if exception.kind == EventDateException.Kind.CANCELLED
        }
        expanded = self.expand(horizon)
        # The reasons (holiday names) are stored in the event's language.
        with translation.override(self.locale.language_code):
            return self._planned(expanded, notes)

    def _planned(self, expanded, notes):
        calendar = (
            closures.calendar_for(
                [start for start, _e, _c in expanded], self.location_id
            )
            if self.follows_closures
            else None
        )
        planned = []
        for start, end, cancelled in expanded:
            occurrence = EventOccurrence(event=self, start=start, end=end)
            day = recurrence.to_local(start).date()
            change = (
                closures.change_for(
                    calendar, start, end, self.location_id, self.all_day
                )
                if calendar is not None and not cancelled
                else None
            )
            if cancelled:
                occurrence.status = EventOccurrence.Status.CANCELLED
                occurrence.reason = notes.get(day, "")
            elif change is not None and change.cancelled:
                occurrence.status = EventOccurrence.Status.CANCELLED
                occurrence.reason = change.reason
            elif change is not None:
                occurrence.planned_start, occurrence.planned_end = start, end
                occurrence.start, occurrence.end = change.start, change.end
                occurrence.reason = change.reason
            planned.append(occurrence)
        return planned

    @transaction.atomic
    def rebuild_occurrences(self, horizon=None):
        """Replace the stored occurrences; called when the event is published
        and when a closure changes a visit.

        An occurrence keeps its revision number while what a calendar shows
        of it stays the same, and gets the next one when it changes, so that
        calendar apps replace their copy. Once committed, the cached lists
        and calendars are retired (after, not before: a reader in between
        would cache the old dates as new).
        """
        transaction.on_commit(caching.retire)
        stored = {
            occurrence.key_start: occurrence
            for occurrence in EventOccurrence.objects.filter(event=self).only(
                "start", "planned_start", "sequence", "modified_at", "signature"
            )
        }
        now = timezone.now()
        planned = self.planned_occurrences(horizon)
        for occurrence in planned:
            occurrence.signature = occurrence.fingerprint()
            before = stored.get(occurrence.key_start)
            if before is None:
                occurrence.modified_at = now
            elif before.signature == occurrence.signature:
                occurrence.sequence = before.sequence
                occurrence.modified_at = before.modified_at
            else:
                occurrence.sequence = before.sequence + 1
                occurrence.modified_at = now
        EventOccurrence.objects.filter(event=self).delete()
        EventOccurrence.objects.bulk_create(planned)

    def closure_changes(self, limit=20):
        """The coming dates that a holiday or a closure cancelled or
        shortened (a visit's), for its editor to see."""
        if self.pk is None:
            return []
        return list(
            self.occurrences.filter(end__gte=timezone.now())
            .exclude(reason="")
            .select_related("event")[:limit]
        )

    def cancel_date(self, day, reason, user=None, may_publish=True):
        """Cancel one date through a new revision (so the editor's next
        publish keeps it): published at once when allowed and the page was
        live with no other changes waiting; otherwise left as a draft.
        Returns whether it was published."""
        draft = self.get_latest_revision_as_object()
        if not any(
            exception.date == day
            and exception.kind == EventDateException.Kind.CANCELLED
            for exception in draft.date_exceptions.all()
        ):
            draft.date_exceptions.add(
                EventDateException(
                    date=day, kind=EventDateException.Kind.CANCELLED, note=reason[:200]
                )
            )
        publish = may_publish and self.live and not self.has_unpublished_changes
        revision = draft.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        return publish

    def closure_conflicts(self):
        """[(occurrence, reason)] of coming dates of an event that is not a
        visit which fall on a holiday or closure: the editor's warning."""
        if self.pk is None or self.follows_closures:
            return []
        return closures.conflicts(
            self.occurrences.filter(end__gte=timezone.now()).select_related("event"),
            self.location_id,
        )

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.repeat_until and self.repeat_count:
            raise ValidationError(
                {
                    "repeat_count": _(
                        "Give either an end date or a number of occurrences, not both."
                    )
                }
            )
        if (
            self.start
            and self.repeat_until
            and self.repeat_until
            < (timezone.localtime(self.start, recurrence.EVENT_TIME_ZONE).date())
        ):
            raise ValidationError(
                {
                    "repeat_until": _(
                        "The repetition cannot end before the event starts."
                    )
                }
            )
        if self.start and self.end and self.repeat and not self.expand_rule_only():
            raise ValidationError({"repeat": NO_DATE_MESSAGE})

    def expand_rule_only(self):
        """Whether the rule yields at least one date (exceptions ignored)."""
        local_start = recurrence.to_local(self.start)
        for _value in recurrence.local_starts(local_start, self.build_rule()):
            return True
        return False

    # Presentation ---------------------------------------------------------

    @property
    def is_recurring(self):
        return bool(self.repeat)

    @property
    def is_online(self):
        return bool(self.online_url) and self.location_id is None

    def what_to_bring_lines(self):
        """What to bring, one thing per non-empty line."""
        return [
            line.strip() for line in self.what_to_bring.splitlines() if line.strip()
        ]

    @property
    def organiser_display(self):
        return self.organiser.name if self.organiser else self.organiser_name

    def load_related(self):
        """Fetch the location, its municipality and the organiser in one query."""
        if self.location_id is None and self.organiser_id is None:
            return
        related = EventPage.objects.select_related(
            "location__municipality", "organiser"
        ).get(pk=self.pk)
        self.location = related.location
        self.organiser = related.organiser

    def next_occurrences(self, limit=NEXT_OCCURRENCES_SHOWN):
        """The next dates; the same query brings the location and organiser
        (from a past date when there is no next one)."""
        if self.pk is None:  # the preview of a page not yet saved
            return []
        is_past = models.Case(
            models.When(end__lt=timezone.now(), then=models.Value(True)),
            default=models.Value(False),
            output_field=models.BooleanField(),
        )
        rows = list(
            self.occurrences.annotate(is_past=is_past)
            .select_related("event__location__municipality", "event__organiser")
            .order_by("is_past", "start")[:limit]
        )
        if not rows:
            self.load_related()
            return []
        related = rows[0].event
        self.location, self.organiser = related.location, related.organiser
        for occurrence in rows:
            occurrence.event = self
        return [occurrence for occurrence in rows if not occurrence.is_past]

    def directions_url(self):
        location = self.location
        if location is None:
            return ""
        if location.has_coordinates:
            return (
                "https://www.openstreetmap.org/directions?to="
                f"{location.latitude}%2C{location.longitude}"
            )
        return ""

    def json_ld(self, request=None, occurrences=None):
        """schema.org Event, as the JSON text of a data block."""
        statuses = {
            self.Status.SCHEDULED: "https://schema.org/EventScheduled",
            self.Status.CANCELLED: "https://schema.org/EventCancelled",
            self.Status.POSTPONED: "https://schema.org/EventPostponed",
        }
        occurrence = (occurrences or [None])[0]
        start = occurrence.start if occurrence else self.start
        end = occurrence.end if occurrence else self.end
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "startDate": timezone.localtime(start).isoformat(),
            "endDate": timezone.localtime(end).isoformat(),
            "eventStatus": statuses.get(self.status, statuses[self.Status.SCHEDULED]),
            "url": self.get_full_url(request),
        }
        if self.location is not None:
            data["eventAttendanceMode"] = (
                "https://schema.org/OfflineEventAttendanceMode"
            )
            place = {
                "@type": "Place",
                "name": self.location.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.location.address,
                    "postalCode": self.location.postal_code,
                    "addressLocality": self.location.city,
                    "addressCountry": "GR",
                },
            }
            if self.location.has_coordinates:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.location.latitude),
                    "longitude": float(self.location.longitude),
                }
            data["location"] = place
        elif self.online_url:
            data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
            data["location"] = {"@type": "VirtualLocation", "url": self.online_url}
        if self.organiser_display:
            data["organizer"] = {
                "@type": "Organization",
                "name": self.organiser_display,
            }
            if self.organiser and self.organiser.website:
                data["organizer"]["url"] = self.organiser.website
        return json_for_script(data)

    # Routes: each hands over to events.views, where the work is done.

    @path("")
    def event(self, request):
        return self.render(request)

    @path("calendar.ics/", name="calendar")
    def calendar(self, request):
        return views.event_calendar(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        occurrences = self.next_occurrences()
        calendar_url = self.route_url("calendar").rstrip("/") if self.url else ""
        absolute = request.build_absolute_uri(calendar_url) if calendar_url else ""
        context.update(
            next_occurrences=occurrences,
            next_held=next((o for o in occurrences if not o.is_cancelled), None),
            json_ld=self.json_ld(request, occurrences),
            calendar_url=calendar_url,
            webcal_url=("webcal://" + absolute.split("://", 1)[1]) if absolute else "",
        )
        return context


class EventDateException(TranslatableMixin, Orderable):
    """A date of a recurring event that is left out, or kept but cancelled.

    Translatable for its note, which visitors read beside the cancelled date;
    the date and what happens are copied to the translations unchanged.
    """

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled (shown as cancelled)")
        EXCLUDED = "excluded", _("Not held (left out)")

    event = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="date_exceptions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("what happens"), max_length=20, choices=Kind.choices, default=Kind.CANCELLED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} ({self.get_kind_display()})"


def all_day_bounds(start, end):
    """Local midnight of the first day to local midnight after the last day."""
    first = timezone.localtime(start, recurrence.EVENT_TIME_ZONE).date()
    last = timezone.localtime(end, recurrence.EVENT_TIME_ZONE).date()
    return (
        recurrence.localise(datetime.datetime.combine(first, datetime.time())),
        recurrence.localise(
            datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time()
            )
        ),
    )


def json_for_script(data):
    """JSON that is safe inside a <script> data block."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
