from portal.models.alerts import AlertBanner
from portal.models.campaigns import CampaignIndexPage, CampaignPage, CampaignRelatedPage
from portal.models.home import HomePage
from portal.models.search import SearchSynonym, SearchTerm, UnansweredQuery
from portal.models.settings import CentreSettings
from portal.models.standard import StandardPage

__all__ = [
    "AlertBanner",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignRelatedPage",
    "CentreSettings",
    "HomePage",
    "SearchSynonym",
    "SearchTerm",
    "StandardPage",
    "UnansweredQuery",
]
