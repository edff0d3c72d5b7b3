from goods.models.needs import GoodsCategory, NeedItem, Urgency
from goods.models.page import DropOffPoint, NeedsPage

__all__ = ["DropOffPoint", "GoodsCategory", "NeedItem", "NeedsPage", "Urgency"]
