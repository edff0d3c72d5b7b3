from events.models.event import EventDateException, EventPage
from events.models.index import EventIndexPage, MobileUnitPage
from events.models.occurrence import EventOccurrence

__all__ = [
    "EventDateException",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "MobileUnitPage",
]
