"""Demo taxonomy for seed_demo: the target groups every part of the site uses."""

from wagtail.models import Locale

from directory.factories import TargetGroupFactory
from portal.demo import content

LANGUAGES = ("el", "en", "ar")


def build(log):
    target_groups = content.load()["TARGET_GROUPS"]
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }
    for order, (slug, *names) in enumerate(target_groups):
        greek = TargetGroupFactory(
            locale=locales["el"], slug=slug, name=names[0], sort_order=order
        )
        for code, name in zip(LANGUAGES[1:], names[1:], strict=True):
            TargetGroupFactory(
                locale=locales[code],
                slug=slug,
                name=name,
                sort_order=order,
                translation_key=greek.translation_key,
            )
    log(f"target groups: {len(target_groups)} in {len(LANGUAGES)} languages")
