from volunteers.models.pages import VolunteerIndexPage, VolunteerOpportunityPage
from volunteers.models.volunteers import (
    DayPart,
    Skill,
    Volunteer,
    VolunteerWithdrawal,
    availability_choices,
)

__all__ = [
    "DayPart",
    "Skill",
    "Volunteer",
    "VolunteerIndexPage",
    "VolunteerOpportunityPage",
    "VolunteerWithdrawal",
    "availability_choices",
]
