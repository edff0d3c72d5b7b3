from django import template
from django.core.cache import cache
from django.utils.formats import number_format

from core import chrome
from directory import languages
from directory.models import Category, DirectoryPage

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
        "categories": categories.order_by("sort_order", "sort_name", "name"),
        "directory": directory,
        "request": context["request"],
    }


@register.filter
def language_label(language, fallback=""):
    """A Language (or its code) named in the reader's language with its own
    name beside it: "Albanian (<bdi lang="sq">Shqip</bdi>)"
    (directory.languages.label_html); a code
    the centre's list does not know reads as ``fallback``."""
    if hasattr(language, "code") or language in languages.BY_CODE:
        return languages.label_html(language)
    return fallback or str(language)


@register.filter
def in_reading_order(language_list):
    """Languages in the alphabetical order of the reader's language."""
    return languages.in_reading_order(language_list)


@register.filter
def euros(value):
    """216 -> "216 €", 1296.5 -> "1.296,50 €" in Greek: whole euros without
    decimals, grouped thousands, in the active language's format."""
    if value in (None, ""):
        return ""
    places = 0 if value == int(value) else 2
    return f"{number_format(value, places, force_grouping=True)} €"
