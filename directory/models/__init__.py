from directory.models.locations import Closure, Location, OpeningHours
from directory.models.organisations import Organisation
from directory.models.services import (
    ApplicationWindow,
    BenefitFrequency,
    DirectoryPage,
    RequiredDocument,
    ServiceAtLocation,
    ServiceContact,
    ServicePage,
)
from directory.models.taxonomy import (
    Category,
    ForeignTerm,
    Language,
    Municipality,
    TargetGroup,
)

__all__ = [
    "ApplicationWindow",
    "BenefitFrequency",
    "Category",
    "Closure",
    "DirectoryPage",
    "ForeignTerm",
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
