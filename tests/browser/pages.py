"""The demo site's pages a browser test visits: one live page of each public
page type, in a language."""

from wagtail.models import Page

PAGE_TYPES = [
    "homepage",
    "standardpage",
    "campaignindexpage",
    "campaignpage",
    "directorypage",
    "servicepage",
    "eventindexpage",
    "eventpage",
    "mobileunitpage",
    "volunteerindexpage",
    "volunteeropportunitypage",
    "appointmentpage",
    "needspage",
]


def first_of_each_type(language):
    """{model name: the first live page of that type in language}, in
    PAGE_TYPES order; a type the demo has no page of is left out."""
    found = {}
    for model in PAGE_TYPES:
        page = (
            Page.objects.live()
            .filter(content_type__model=model, locale__language_code=language)
            .order_by("path")
            .first()
        )
        if page is not None:
            found[model] = page
    return found
