from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from directory.models import DirectoryPage
from portal import chrome

register = template.Library()


@register.simple_tag
def directory_route(directory_url, name, *args):
    """The address of an organisation or location page under the directory,
    from the directory's own address: {% directory_route url 'location' slug %}."""
    return directory_url + DirectoryPage().reverse_subpage(name, args=args)


@register.simple_tag(takes_context=True)
def directory_suggest_url(context):
    """Where a search box of this language gets its suggestions, or ""."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    key = f"kentro:suggest-url:{locale_id}:{chrome.version()}"
    url = cache.get(key)
    if url is None:
        directory = DirectoryPage.objects.live().filter(locale_id=locale_id).first()
        found = directory.url if directory else None
        url = directory_route(found, "suggest") if found else ""
        cache.set(key, url, timeout=chrome.FRAGMENT_SECONDS)
    return url


@register.inclusion_tag("directory/includes/home_categories.html", takes_context=True)
def directory_categories(context):
    """The directory's top-level topics, for the home page."""
    from directory.models import Category

    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    directory = (
        DirectoryPage.objects.live().filter(locale_id=locale_id).first()
        or DirectoryPage.objects.live().order_by("pk").first()
    )
    if directory is None:
        return {"categories": [], "directory": None}
    categories = Category.objects.filter(
        locale_id=directory.locale_id, parent__isnull=True, services__live=True
    ).distinct()
    return {
        "categories": categories.order_by("sort_order", "name"),
        "directory": directory,
        "request": context["request"],
    }


@register.filter
def language_label(language, fallback=""):
    """A Language (or its code) named in the reader's language.

    Editors name languages in Greek; a reader of another language gets the
    name Django's own catalogues give it ("Arabic", "العربيّة"), and the
    editors' name when Django does not know the code.
    """
    code = getattr(language, "code", language)
    if translation.get_language() != settings.LANGUAGE_CODE:
        try:
            return str(translation.get_language_info(code)["name_translated"])
        except KeyError:
            pass
    return fallback or str(language)
