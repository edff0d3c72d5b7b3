"""Where a page sits in the site, in the visitor's language."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translated: bool


def home_page_for(request, locale=None):
    """The home page in a language, falling back to the site root."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    locale = locale or Locale.get_active()
    root = site.root_page
    if root.locale_id == locale.pk:
        return root
    return (
        Page.objects.filter(translation_key=root.translation_key, locale=locale)
        .live()
        .first()
        or root
    )


def menu_pages(request):
    home = home_page_for(request)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu()


def position_of(item, current_path):
    """How a menu item relates to the page being read, for aria-current."""
    if item.path == current_path:
        return "page"
    if current_path.startswith(item.path):
        return "true"
    return ""


def language_links(request, page=None):
    """One link per site language: the translated page, or that language's home.

    A visitor who switches language should land on the same page in that
    language; when it has not been translated they land on that language's home
    page and are told so.
    """
    current = translation.get_language()
    site = Site.find_for_request(request)
    if site is None:
        return []
    keys = {site.root_page.translation_key}
    if page is not None and getattr(page, "translation_key", None):
        keys.add(page.translation_key)
    candidates = (
        Page.objects.filter(translation_key__in=keys)
        .live()
        .public()
        .select_related("locale")
    )
    by_key_and_language = {
        (candidate.translation_key, candidate.locale.language_code): candidate
        for candidate in candidates
    }
    links = []
    for code, name in settings.LANGUAGES:
        target = None
        if page is not None:
            target = by_key_and_language.get((page.translation_key, code))
        is_translated = target is not None or page is None
        if target is None:
            target = by_key_and_language.get((site.root_page.translation_key, code))
        if target is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=target.get_url(request),
                is_current=code == current,
                is_translated=is_translated,
            )
        )
    return links
