from portal.models.campaigns import CampaignIndexPage, CampaignPage, CampaignRelatedPage
from portal.models.home import HomePage
from portal.models.standard import StandardPage

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignRelatedPage",
    "HomePage",
    "StandardPage",
]
