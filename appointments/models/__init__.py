from appointments.models.page import AppointmentPage, AppointmentPlace
from appointments.models.requests import (
    AppointmentRequest,
    HistoryEntry,
    TimeSlot,
)

__all__ = [
    "AppointmentPage",
    "AppointmentPlace",
    "AppointmentRequest",
    "HistoryEntry",
    "TimeSlot",
]
