from directory.models.locations import Closure, Location, OpeningHours
from directory.models.organisations import Organisation
from directory.models.services import (
    DirectoryPage,
    RequiredDocument,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
)
from directory.models.taxonomy import Category, Language, Municipality, TargetGroup

__all__ = [
    "Category",
    "Closure",
    "DirectoryPage",
    "Language",
    "Location",
    "Municipality",
    "OpeningHours",
    "Organisation",
    "RequiredDocument",
    "ServiceAtLocation",
    "ServiceContact",
    "ServicePage",
    "TargetGroup",
]
