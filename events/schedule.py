"""The Mobile Unit's schedule as a villager reads it: which villages it
serves, when it comes next to one, and a sentence saying how often, made
from the recurrence rule (never typed, so never at odds with the dates).

The functions take the visits to read (``EventOccurrence.objects...``) from
the page that asks, so this module needs no page model.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core import lists
from core.weekdays import Weekday
from directory.models import Location
from events.choices import EventKind
from events.fields import weekday_numbers
from search.analysis import sort_key

VILLAGE_DAYS_AHEAD = 92  # a village page lists about three months of visits
VILLAGE_VISITS = 12
OVERVIEW_VISITS = 8  # the schedule page's "next visits"


@dataclass
class Village:
    stop: Location
    next_visit: object  # the next visit that takes place, or None
    visits: list  # every visit to come in the window, cancelled ones too
    sentences: list  # how often the unit comes, one per round

    @property
    def following(self):
        return [visit for visit in self.visits if visit is not self.next_visit]

    @property
    def changes(self):
        """The visits to come that are cancelled or shorter."""
        return [v for v in self.visits if v.is_cancelled or v.is_shortened]


def villages(locale_id):
    """[(municipality name, [stops])] of the Mobile Unit's stops in a language
    that have a live visit, for the picker (one query)."""
    stops = (
        Location.objects.filter(
            locale_id=locale_id,
            kind=Location.Kind.MOBILE_STOP,
            events__kind__in=[EventKind.MOBILE_UNIT_VISIT, EventKind.DISTRIBUTION],
            events__live=True,
        )
        .select_related("municipality")
        .distinct()
    )
    groups = {}
    for stop in stops:
        name = stop.municipality.name if stop.municipality else _("Other places")
        groups.setdefault(str(name), []).append(stop)
    return [
        (name, sorted(found, key=lambda stop: sort_key(stop.village)))
        for name, found in sorted(groups.items(), key=lambda group: sort_key(group[0]))
    ]


def stop_in(locale_id, slug):
    """The Mobile Unit stop of a language with this slug, or None."""
    return (
        Location.objects.filter(
            locale_id=locale_id, slug=slug, kind=Location.Kind.MOBILE_STOP
        )
        .select_related("municipality")
        .first()
    )


def next_visits(visits, now=None, limit=OVERVIEW_VISITS):
    """The next visits anywhere, cancelled ones included (they say why)."""
    now = now or timezone.now()
    return list(visits.with_event().upcoming(now)[:limit])


def village(visits, stop, now=None):
    """What a village's page shows (one query)."""
    now = now or timezone.now()
    coming = list(
        visits.at_stop(stop)
        .select_related("event")
        .filter(start__lt=now + datetime.timedelta(days=VILLAGE_DAYS_AHEAD))
        .upcoming(now)[:VILLAGE_VISITS]
    )
    for visit in coming:
        visit.event.location = stop
    held = next((visit for visit in coming if not visit.is_cancelled), None)
    rounds = {}
    for visit in coming:
        rounds.setdefault(visit.event_id, visit.event)
    return Village(
        stop=stop,
        next_visit=held,
        visits=coming,
        sentences=[
            sentence
            for sentence in (schedule_sentence(event) for event in rounds.values())
            if sentence
        ],
    )


# Sentences -------------------------------------------------------------------


def day_names(numbers):
    names = [str(Weekday(number).label) for number in sorted(set(numbers))]
    if len(names) < 2:
        return "".join(names)
    return _("%(days)s and %(last)s") % {
        "days": lists.join(names[:-1]),
        "last": names[-1],
    }


def how_often(event):
    """ "every Monday", "every other Tuesday", "the last Wednesday of the
    month"... from the event's rule; "" for a one-off event."""
    start = timezone.localtime(event.start)
    numbers = weekday_numbers(event.weekdays) or [start.weekday()]
    days = day_names(numbers)
    interval = event.interval or 1
    if event.repeat == "daily":
        if interval == 1:
            return _("every day")
        return ngettext("every %(count)s day", "every %(count)s days", interval) % {
            "count": interval
        }
    if event.repeat == "weekly":
        if interval == 1:
            return _("every %(days)s") % {"days": days}
        if interval == 2:
            return _("every other %(days)s") % {"days": days}
        return ngettext(
            "every %(count)s week on %(days)s",
            "every %(count)s weeks on %(days)s",
            interval,
        ) % {"count": interval, "days": days}
    if event.repeat == "monthly":
        if event.week_of_month:
            # Greek's ordinal and article agree with the day: Σάββατο is
            # neuter ("το πρώτο Σάββατο"), the other days feminine.
            if numbers[0] == Weekday.SATURDAY:
                ordinals = {
                    1: pgettext("Saturday of the month", "first"),
                    2: pgettext("Saturday of the month", "second"),
                    3: pgettext("Saturday of the month", "third"),
                    4: pgettext("Saturday of the month", "fourth"),
                    -1: pgettext("Saturday of the month", "last"),
                }
                sentence = pgettext(
                    "Saturday of the month", "on the %(nth)s %(days)s of the month"
                )
            else:
                ordinals = {
                    1: pgettext("weekday of the month", "first"),
                    2: pgettext("weekday of the month", "second"),
                    3: pgettext("weekday of the month", "third"),
                    4: pgettext("weekday of the month", "fourth"),
                    -1: pgettext("weekday of the month", "last"),
                }
                sentence = _("on the %(nth)s %(days)s of the month")
            return sentence % {
                "nth": ordinals.get(event.week_of_month, ""),
                "days": days,
            }
        return _("every month on the %(day)s") % {"day": start.day}
    return ""


def schedule_sentence(event):
    """ "The Mobile Unit comes to Kardamyli every Monday, 09:00–13:00, until
    30 June 2027." (in the visitor's language), or "The Mobile Unit hands out
    goods in Kardamyli..." for a distribution day; "" for a one-off visit,
    whose date says it all."""
    when = how_often(event)
    if not when:
        return ""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    values = {
        "when": when,
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "in_place": event.location.locative if event.location else "",
    }
    if event.kind == EventKind.DISTRIBUTION and values["in_place"]:
        text = _(
            "The Mobile Unit hands out goods %(in_place)s %(when)s, %(start)s–%(end)s."
        )
    elif event.kind == EventKind.DISTRIBUTION:
        text = _("The Mobile Unit hands out goods %(when)s, %(start)s–%(end)s.")
    elif values["in_place"]:
        text = _("The Mobile Unit comes %(in_place)s %(when)s, %(start)s–%(end)s.")
    else:
        text = _("The Mobile Unit comes %(when)s, %(start)s–%(end)s.")
    text = text % values
    if event.repeat_until:
        text += " " + _("Until %(date)s.") % {
            "date": formats.date_format(event.repeat_until, "j E Y")
        }
    return text


def visit_title(stop):
    """ "The Mobile Unit in Kardamyli" with the Greek form of the place, or
    "The Mobile Unit: Kardamyli" when no form has been given."""
    if stop.locative:
        return _("The Mobile Unit %(in_place)s") % {"in_place": stop.locative}
    return _("The Mobile Unit: %(place)s") % {"place": stop.village}
