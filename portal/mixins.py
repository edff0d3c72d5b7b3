from django.utils.html import strip_tags
from django.utils.text import Truncator

META_DESCRIPTION_LENGTH = 160


class PageMetadataMixin:
    """What search engines and link previews show for a page.

    Editors can write a search description (Wagtail's own field); when they
    don't, the page's summary or introduction stands in, so that no page goes
    without a meta description.
    """

    metadata_description_fields = ("summary", "intro")
    metadata_image_field = "image"

    def get_meta_description(self):
        text = self.search_description
        for field in self.metadata_description_fields:
            if text:
                break
            text = getattr(self, field, "") or ""
        text = " ".join(strip_tags(str(text)).split())
        return Truncator(text).chars(META_DESCRIPTION_LENGTH)

    def get_meta_image(self):
        return getattr(self, self.metadata_image_field, None)
