"""The home page keeps its urgent needs in the chrome's cached fragments
(core.chrome); a change to the needs list makes them stale at once."""

from django.db.models.signals import post_delete, post_save

from core import chrome
from goods.models import NeedItem


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            chrome.bump, sender=NeedItem, dispatch_uid=f"kentro-goods-{signal}"
        )
