"""One calendar for every app: which days are public holidays, which places
are closed or open shorter hours, and what a place's hours are on a day.

Two sources, read together and nowhere else:

* Greece's national public holidays (Orthodox Easter ones included) from the
  ``holidays`` package, which its maintainers keep up to date;
* what editors enter as a :class:`~directory.models.Closure`: a place (or
  every place) closed or open shorter hours, an extra public holiday (a
  Labour Day moved by decision) or a national holiday that is a working day
  after all.

The directory's "open now" and opening hours, the Mobile Unit's visits, the
appointment form, the "overdue" rule of the inbox and the caseworkers'
scheduling warnings all ask here. Read many days or places at once through
:meth:`Calendar.between` (one query); the module-level functions answer one
question each.
"""

import datetime
from dataclasses import dataclass
from functools import cache

import holidays
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from directory import opening
from directory.models import Closure, Location

ATHENS = opening.ATHENS
COUNTRY = "GR"
UPCOMING_DAYS = 60  # how far ahead a place's page lists its closures
# The English names the holidays package gives, here so that the catalogues
# carry them for languages the package does not speak (Arabic).
HOLIDAY_NAMES = (
    gettext_noop("New Year's Day"),
    gettext_noop("Epiphany"),
    gettext_noop("Green Monday"),
    gettext_noop("Independence Day"),
    gettext_noop("Good Friday"),
    gettext_noop("Easter Monday"),
    gettext_noop("Labor Day"),
    gettext_noop("Labor Day (observed)"),
    gettext_noop("Pentecost Monday"),
    gettext_noop("Dormition of the Mother of God"),
    gettext_noop("Ohi Day"),
    gettext_noop("Christmas Day"),
    gettext_noop("Glorifying Mother of God"),
)


@dataclass(frozen=True)
class DayChange:
    """A departure from the usual week, as every app reads it: a national
    holiday or an editor's closure, for every place or one."""

    starts_on: datetime.date
    ends_on: datetime.date
    kind: str  # one of Closure.Kind
    reason: str
    location_id: int | None = None
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    national: bool = False
    # The place's records in every language: a closure typed on the Greek
    # record closes the same door for English and Arabic visitors.
    location_ids: frozenset = frozenset()
    # The language its reason is written in (core.untranslated reads it):
    # its place's, or the default's for a closure of every place.
    language_code: str = ""

    @property
    def is_all_day(self):
        """Nothing opens (a closure or a public holiday)."""
        return self.kind in (Closure.Kind.CLOSED, Closure.Kind.HOLIDAY)

    @property
    def is_shortened(self):
        return self.kind == Closure.Kind.SHORTENED

    @property
    def is_holiday(self):
        return self.kind == Closure.Kind.HOLIDAY

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on

    def applies_to(self, location_id):
        return (
            self.location_id is None
            or self.location_id == location_id
            or location_id in self.location_ids
        )

    @property
    def what(self):
        """What happens, whoever typed it: a closure copied into each
        language of a place is one change."""
        return (self.starts_on, self.ends_on, self.kind, self.opens, self.closes)

    @classmethod
    def from_closure(cls, closure, location_ids=frozenset()):
        """``location_ids``: the place's records in every language, for a
        closure of one place; ``closure.location_language`` (annotated by
        ``Calendar.between``) the language its reason is written in."""
        return cls(
            starts_on=closure.starts_on,
            ends_on=closure.ends_on,
            kind=closure.kind,
            reason=closure.reason,
            location_id=closure.location_id,
            opens=closure.opens,
            closes=closure.closes,
            location_ids=location_ids,
            language_code=getattr(closure, "location_language", None)
            or settings.LANGUAGE_CODE,
        )


def _keys(locations):
    """{location id: translation key} of places given as ids or as records
    (a record's key costs no query)."""
    locations = list(locations)
    key_of = {
        location.pk: location.translation_key
        for location in locations
        if hasattr(location, "translation_key")
    }
    ids = [
        location for location in locations if not hasattr(location, "translation_key")
    ]
    if ids:
        key_of.update(
            Location.objects.filter(pk__in=ids).values_list("pk", "translation_key")
        )
    return key_of


def _own_first(changes, location_id):
    """The changes of a place with one per happening: a place's closure
    typed in several languages is shown in the place's own record's words
    when it has them."""
    kept = {}
    for change in changes:
        if change.location_id is None:
            kept[id(change)] = change
            continue
        current = kept.get(change.what)
        if current is None or change.location_id == location_id:
            kept[change.what] = change
    return list(kept.values())


@cache
def _national(year, language):
    """((date, name), ...) of a year's national holidays, named in a language
    the package speaks (Greek or American English)."""
    days = holidays.country_holidays(COUNTRY, years=year, language=language)
    return tuple(sorted(days.items()))


def national_holidays(first, last):
    """{date: name} of the national public holidays between two dates, named
    in the active language (local ones, such as a patron saint's day, are
    closures the editors enter for the places concerned).

    The names are the package's English ones through Kentro's catalogues,
    so that Greek, English and Arabic agree; a name the catalogues do not
    know yet (a holiday the package adds) is the package's own.
    """
    language = (translation.get_language() or "el").split("-")[0]
    named = {}
    for year in range(first.year, last.year + 1):
        greek = dict(_national(year, "el"))
        for day, name in _national(year, "en_US"):
            if not first <= day <= last:
                continue
            if name in HOLIDAY_NAMES:
                named[day] = gettext(name)
            else:
                named[day] = greek.get(day, name) if language == "el" else name
    return named


class Calendar:
    """The holidays and closures of a span of days, read in one query."""

    def __init__(self, first, last, changes):
        self.first, self.last = first, last
        self.changes = changes

    @classmethod
    def between(cls, first, last, locations=None):
        """The calendar from ``first`` to ``last`` (dates, inclusive) for
        every place (``locations`` None) or for these places and all;
        ``locations`` are ids, or records, which save a query. A place's
        closures are those typed on its record in any language."""
        closures = Closure.objects.filter(
            starts_on__lte=last, ends_on__gte=first
        ).annotate(
            location_key=F("location__translation_key"),
            location_language=F("location__locale__language_code"),
        )
        if locations is not None:
            key_of = _keys(locations)
            closures = list(
                closures.filter(
                    Q(location__isnull=True)
                    | Q(location__translation_key__in=set(key_of.values()))
                )
            )
            for closure in closures:
                if closure.location_id is not None:
                    key_of[closure.location_id] = closure.location_key
        else:
            closures = list(closures)
            keys = {closure.location_key for closure in closures} - {None}
            key_of = dict(
                Location.objects.filter(translation_key__in=keys).values_list(
                    "pk", "translation_key"
                )
                if keys
                else ()
            )
        records = {}
        for pk, key in key_of.items():
            records.setdefault(key, set()).add(pk)
        rows = [
            DayChange.from_closure(
                closure, frozenset(records.get(closure.location_key, ()))
            )
            for closure in closures
        ]
        moved_away = {
            day
            for row in rows
            if row.kind == Closure.Kind.WORKING_DAY
            for day in days_of(row, first, last)
        }
        national = [
            DayChange(day, day, Closure.Kind.HOLIDAY, name, national=True)
            for day, name in national_holidays(first, last).items()
            if day not in moved_away
        ]
        changes = national + [
            row for row in rows if row.kind != Closure.Kind.WORKING_DAY
        ]
        return cls(first, last, changes)

    def _check(self, day):
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside {self.first}–{self.last}")

    def for_location(self, location_id):
        """Every change that concerns a place (``None``: only those of every
        place), in the form directory.opening reads."""
        return _own_first(
            [change for change in self.changes if change.applies_to(location_id)],
            location_id,
        )

    def closures_on(self, day, location_id=None):
        """What changes a day at a place (or, for ``None``, everywhere):
        whole-day closures and holidays first, then shorter hours."""
        self._check(day)
        found = _own_first(
            [
                change
                for change in self.changes
                if change.covers(day)
                and (
                    change.location_id is None
                    if location_id is None
                    else change.applies_to(location_id)
                )
            ],
            location_id,
        )
        return sorted(found, key=lambda change: (not change.is_all_day, change.reason))

    def holiday_on(self, day):
        """The public holiday (national or extra) of a day, or None."""
        self._check(day)
        return next(
            (c for c in self.changes if c.is_holiday and c.covers(day)),
            None,
        )

    def is_working_day(self, day, location_id=None):
        """Monday to Friday, not a public holiday, and not a day on which the
        whole centre (or the place, when given) is closed."""
        if day.weekday() >= 5:
            return False
        return not any(
            change.is_all_day for change in self.closures_on(day, location_id)
        )

    def hours_on(self, location, day):
        """[(opens, closes)] of a place on a day, after closures and shorter
        hours; ``location`` brings its ``opening_hours`` (prefetch them)."""
        self._check(day)
        return opening.hours_on(
            day, location.opening_hours.all(), self.for_location(location.pk)
        )

    def state_at(self, moment, location):
        """Whether a place is open at a moment (see directory.opening)."""
        return opening.state_at(
            moment, location.opening_hours.all(), self.for_location(location.pk)
        )

    def changes_at(self, moment, location):
        """When the place's open-or-closed state next changes today."""
        return opening.changes_at(
            moment, location.opening_hours.all(), self.for_location(location.pk)
        )


def days_of(change, first=None, last=None):
    """The dates a change covers, within ``first`` and ``last`` if given."""
    day = max(change.starts_on, first) if first else change.starts_on
    end = min(change.ends_on, last) if last else change.ends_on
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def today():
    return timezone.localdate(timezone=ATHENS)


def closures_on(day, location=None):
    """What changes a day at a place, or everywhere when ``location`` is
    None: a list of :class:`DayChange` (national holidays included), each
    with ``kind`` (closed, shortened, holiday), ``reason``, and for shorter
    hours ``opens``/``closes``. Empty on an ordinary day.

    For the caseworkers' scheduling warnings: ``closures_on(day, location)``
    says why an appointment on that day at that place would meet a closed
    door (one query).
    """
    location_id = getattr(location, "pk", location)
    ids = None if location_id is None else [location]
    return Calendar.between(day, day, ids).closures_on(day, location_id)


def is_working_day(day, location=None):
    """Whether a date is a working day: Monday to Friday, not a national or
    extra public holiday, not a day the whole centre (or the place, when
    given) is closed. One query."""
    if day.weekday() >= 5:
        return False
    return not any(change.is_all_day for change in closures_on(day, location))


def hours_on(location, day):
    """[(opens, closes)] of a place on a date, holidays and closures
    applied: empty when it is closed all day (one query, plus the opening
    hours unless they were prefetched)."""
    return Calendar.between(day, day, [location]).hours_on(location, day)


def upcoming_changes(location, first, calendar=None):
    """The holidays and closures of a place in the days ahead, as
    [(DayChange, hours on its first day)], for its page ("closed on 25
    December: Christmas Day"; "24 December: 08:00–12:00"). A holiday on a
    day the place is closed anyway is left out, and so are the national
    holidays of a place without opening hours. ``calendar`` may be one
    already read that covers the days."""
    last = first + datetime.timedelta(days=UPCOMING_DAYS)
    calendar = calendar or Calendar.between(first, last, [location])
    last = min(last, calendar.last)
    hours = list(location.opening_hours.all())
    shown = []
    for change in sorted(
        calendar.for_location(location.pk), key=lambda change: change.starts_on
    ):
        if change.ends_on < first:
            continue
        usual = [
            day
            for day in days_of(change, first, last)
            if opening.openings_on(day, hours)
        ]
        if (hours and not usual) or (not hours and change.national):
            # Closed those days anyway; or a place without hours (a Mobile
            # Unit stop, whose visits say it), for which only its own
            # closures are news.
            continue
        day = usual[0] if usual else max(change.starts_on, first)
        shown.append(
            (change, opening.hours_on(day, hours, calendar.for_location(location.pk)))
        )
    return shown
