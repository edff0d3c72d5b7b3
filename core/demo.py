"""What every app's demo builder needs to build pages (``seed_demo``)."""

from wagtail.models import Locale, Page

SITE_LANGUAGES = ("el", "en", "ar")


def site_locales():
    """{language code: Locale} for the site's languages, made if missing
    (a migration creates them; a flushed test database may not have them)."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in SITE_LANGUAGES
    }


def publish(page):
    page.save_revision().publish()
    return page


def publish_once(page):
    """Publish a page the first time only, so that building again adds nothing."""
    if not page.last_published_at:
        publish(page)
    return page


def home_page(language_code="el"):
    """The home page of a language (the first page below Wagtail's root), or
    None before the portal has built it."""
    home = Page.objects.filter(depth=2, locale__language_code=language_code).first()
    return home.specific if home is not None else None


def ensure_translation(page, locale, **fields):
    """The page in another language, created once from the Greek page."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)
