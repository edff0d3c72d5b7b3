from directory.models.corrections import CorrectionReport
from directory.models.freshness import CheckedShare
from directory.models.locations import Closure, Location, LocationPhone, OpeningHours
from directory.models.organisations import Organisation, OrganisationPhone
from directory.models.phones import PhoneType
from directory.models.reviews import ReviewRequest
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
    FormerCategorySlug,
    Language,
    Municipality,
    TargetGroup,
)

__all__ = [
    "ApplicationWindow",
    "BenefitFrequency",
    "Category",
    "CheckedShare",
    "Closure",
    "CorrectionReport",
    "DirectoryPage",
    "ForeignTerm",
    "FormerCategorySlug",
    "Language",
    "Location",
    "LocationPhone",
    "Municipality",
    "OpeningHours",
    "Organisation",
    "OrganisationPhone",
    "PhoneType",
    "RequiredDocument",
    "ReviewRequest",
    "ServiceAtLocation",
    "ServiceContact",
    "ServicePage",
    "TargetGroup",
]
