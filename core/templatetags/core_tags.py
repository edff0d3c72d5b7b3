from django import template
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import chrome, lists, navigation, translation_workflow, untranslated
from core.models import AlertBanner
from core.weekdays import Weekday

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    page = context.get("page")
    current_path = getattr(page, "path", "")
    items = [
        (item, navigation.position_of(item, current_path))
        for item in navigation.menu_pages(request, page)
    ]
    home = navigation.home_page_for(request, page)
    return {
        "home": home,
        "home_is_current": home is not None and home.path == current_path,
        "items": items,
        "request": request,
    }


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """{% menu_pages as pages %}: the main menu's pages, for a page that
    offers the top tasks in its content (the 404 page)."""
    return list(navigation.menu_pages(context["request"], context.get("page")))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page else []
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("includes/alert_banners.html", takes_context=True)
def alert_banners(context):
    page = context.get("page")
    locale_id = (
        page.locale_id if page else navigation.active_locale(context["request"]).pk
    )
    banners = AlertBanner.objects.shown_at(timezone.now(), locale_id)
    return {
        "banners": banners.select_related("link_page"),
        "locale_id": locale_id,
        "request": context["request"],
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    links = navigation.language_links(context["request"], context.get("page"))
    return {"links": links}


@register.inclusion_tag("includes/untranslated_note.html", takes_context=True)
def untranslated_note(context):
    """On a page reached from the language switcher although it is not
    translated: a note in the language the visitor asked for."""
    found = navigation.untranslated_note(context["request"], context.get("page"))
    if found is None:
        return {}
    asked, own = found
    with translation.override(asked):
        text = _(
            "This page is not yet available in %(language)s; "
            "here it is in %(original)s."
        ) % {
            "language": translation.get_language_info(asked)["name_translated"],
            "original": translation.get_language_info(own)["name_translated"],
        }
        bidi = translation.get_language_bidi()
    return {"code": asked, "text": text, "bidi": bidi}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    request = context["request"]
    links = [
        link
        for link in navigation.language_links(request, context.get("page"))
        if link.is_translated
    ]
    return {"links": links, "request": request}


@register.simple_tag
def centre_name():
    return chrome.centre_settings().display_name(translation.get_language())


@register.simple_tag
def centre_address(centre):
    """{% centre_address centre as address %}: in Latin letters but in Greek."""
    return centre.display_address(translation.get_language())


@register.simple_tag
def centre_details():
    """{% centre_details as centre %}: name, address, phones, hours, pages."""
    return chrome.centre_settings()


@register.filter
def opening_hours_lines(stream):
    """Render opening-hours blocks as "Monday – Friday: 08:00–15:00" lines."""
    lines = []
    for block in stream:
        days = sorted(int(day) for day in block.value["weekdays"])
        if not days:
            continue
        if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            day_text = f"{Weekday(days[0]).label} – {Weekday(days[-1]).label}"
        else:
            day_text = lists.join(Weekday(day).label for day in days)
        opens = time_format(block.value["opens"], "H:i")
        closes = time_format(block.value["closes"], "H:i")
        lines.append(
            _("%(days)s: %(opens)s–%(closes)s")
            % {"days": day_text, "opens": opens, "closes": closes}
        )
    return lines


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute address on the host the visitor used (already validated by
    ALLOWED_HOSTS), so that canonical and alternate links work on any domain."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def localized(context, page):
    """{% localized page as page_here %}: the page in the visitor's language."""
    return navigation.localized(context["request"], page)


@register.simple_tag(takes_context=True)
def chrome_cache_key(context):
    """What the cached header and footer depend on (core.chrome.key_for)."""
    return chrome.key_for(context.get("page"))


@register.simple_tag(takes_context=True)
def query_without(context, *names):
    """The current query string without some parameters (to remove a filter)."""
    query = context["request"].GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@register.filter
def join_list(items):
    """{{ items|join_list }}: the items as one list in the page's language
    ("α, β" / "أ، ب"); see core.lists."""
    return lists.join(items)


@register.simple_tag
def list_separator():
    """{% list_separator %} between items written out in a loop."""
    return lists.separator()


@register.filter
def text_lang(record):
    """{{ record|text_lang }} inside a tag: ' lang="el" dir="ltr"' when the
    record's text is in another language than the page (core.untranslated),
    else ''. A page translated before the records it links to shows them in
    Greek, marked (#18)."""
    language = untranslated.text_language(record)
    if language == translation.get_language():
        return ""
    direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)


@register.filter
def in_language_of(records, page):
    """{{ page.target_groups.all|in_language_of:page }}: the records in the
    page's language where they are translated (core.untranslated)."""
    return untranslated.in_language(records, page.locale_id)


@register.inclusion_tag("core/translation_workflow_actions.html", takes_context=True)
def translation_workflow_actions(context, page):
    """ "Save draft" and "Submit to <workflow>" for wagtail-localize's
    translation editor, which only offers publishing (#18)."""
    return {
        **translation_workflow.editor_actions(page, context["request"].user),
        "save_draft": translation_workflow.SAVE_DRAFT,
        "submit": translation_workflow.SUBMIT,
        "csrf_token": context.get("csrf_token"),
    }
