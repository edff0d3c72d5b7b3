"""Where a page sits in the site, in the visitor's language.

Everything here is worked out once per request and kept on the request, so
that the header, menu, language switcher and alternates share two queries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, When
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.chrome import centre_settings

# Added to a switcher link that falls back to the other language's home page
# ("1"), or to the page itself in the language it exists in (the language the
# visitor asked for, e.g. "en"), which then says so in that language.
UNTRANSLATED_PARAMETER = "untranslated"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translated: bool
    # The language the link leads to when the page is not translated.
    target_code: str = ""


def active_locale(request):
    """The Locale of the language being served, looked up once per request."""
    code = translation.get_language()
    locale = getattr(request, "_kentro_locale", None)
    if locale is None or locale.language_code != code:
        locale = Locale.get_active()
        request._kentro_locale = locale
    return locale


def _translations(request, page):
    """Live translations of the page and of the site root, keyed by language."""
    site = Site.find_for_request(request)
    if site is None:
        return None, {}
    page_key = getattr(page, "translation_key", None)
    cached = getattr(request, "_kentro_translations", None)
    if cached is not None and cached[0] == page_key:
        return site, cached[1]
    keys = {site.root_page.translation_key}
    if page_key:
        keys.add(page_key)
    found = {
        (candidate.translation_key, candidate.locale.language_code): candidate
        for candidate in Page.objects.filter(translation_key__in=keys)
        .live()
        .select_related("locale")
    }
    request._kentro_translations = (page_key, found)
    return site, found


def localized(request, page):
    """The page in the visitor's language, or the page itself when untranslated.

    Like Wagtail's ``Page.localized`` but without a locale lookup per call.
    """
    if page is None:
        return None
    locale = active_locale(request)
    if page.locale_id == locale.pk:
        return page
    return page.get_translation_or_none(locale) or page


def home_page_for(request, page=None):
    """The home page in the visitor's language, falling back to the site root."""
    site, found = _translations(request, page)
    if site is None:
        return None
    code = translation.get_language()
    return found.get((site.root_page.translation_key, code), site.root_page)


def menu_pages(request, page=None):
    home = home_page_for(request, page)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().in_menu()


def position_of(item, current_path):
    """How a menu item relates to the page being read, for aria-current."""
    if item.path == current_path:
        return "page"
    if current_path.startswith(item.path):
        return "true"
    return ""


def language_links(request, page=None):
    """One link per site language: the translated page, or the page itself.

    A visitor who switches language should land on the same page in that
    language; when it has not been translated they stay on the page, in the
    language it exists in, and are told so in theirs, in the link and again on
    arrival (``untranslated_note``). Without a page, they land on that
    language's home page.
    """
    site, found = _translations(request, page)
    if site is None:
        return []
    current = translation.get_language()
    page_key = getattr(page, "translation_key", None)
    links = []
    for code, name in settings.LANGUAGES:
        target = found.get((page_key, code)) if page_key else None
        is_translated = target is not None or page_key is None
        target_code = code
        if target is None and page_key:
            # The page as it is, in its own language (when it is live).
            for (key, own), candidate in found.items():
                if key == page_key and candidate.pk == page.pk:
                    target, target_code = candidate, own
        if target is None:
            target = found.get((site.root_page.translation_key, code))
        if target is None:
            continue
        url = target.get_url(request)
        if not is_translated:
            # The page then says why it is not in the visitor's language.
            fallback = code if target_code != code else 1
            url += f"?{UNTRANSLATED_PARAMETER}={fallback}"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translated=is_translated,
                target_code=target_code,
            )
        )
    return links


def privacy_page(request, page):
    """The centre's privacy notice in the page's language, in one query
    (the centre's details come from the chrome cache)."""
    notice_id = centre_settings().privacy_page_id
    if notice_id is None:
        return None
    return (
        Page.objects.live()
        .filter(
            translation_key__in=Page.objects.filter(pk=notice_id).values(
                "translation_key"
            )
        )
        .order_by(Case(When(locale_id=page.locale_id, then=0), default=1))
        .first()
    )


def untranslated_note(request, page):
    """(language asked for, the page's language) when the visitor followed a
    switcher link to a page not translated into their language, else None."""
    asked = request.GET.get(UNTRANSLATED_PARAMETER, "")
    if page is None or asked not in dict(settings.LANGUAGES):
        return None
    own = translation.get_language()  # the language the page is served in
    if asked == own:
        return None
    return asked, own
