from core.models.abuse import RateCounter
from core.models.alerts import AlertBanner
from core.models.links import ExternalLink
from core.models.settings import CentreSettings

__all__ = ["AlertBanner", "CentreSettings", "ExternalLink", "RateCounter"]
