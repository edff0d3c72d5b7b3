from goods.models.needs import GoodsCategory, NeedItem, Urgency
from goods.models.page import DropOffPoint, NeedsPage
from goods.models.pledges import Pledge

__all__ = [
    "DropOffPoint",
    "GoodsCategory",
    "NeedItem",
    "NeedsPage",
    "Pledge",
    "Urgency",
]
