from events.models.event import EventDateException, EventPage
from events.models.index import EventIndexPage
from events.models.mobile_unit import MobileUnitPage
from events.models.occurrence import EventOccurrence

__all__ = [
    "EventDateException",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "MobileUnitPage",
]
