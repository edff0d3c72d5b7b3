from urllib.parse import urlsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core import privacy


class MultilingualSitemap(Sitemap):
    """Every live public page of the site in every language.

    Wagtail's own sitemap walks the default site root only, which holds the
    Greek tree; the English and Arabic trees are translations of that root.
    Addresses use the host the request came to, like canonical links do.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .filter(privacy.public_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = self.request.build_absolute_uri(
                urlsplit(url_info["location"]).path
            )
        return urls
