"""Demo pages and categories whose hand-made slugs were not ELOT 743
(core.slugs) and were renamed to the ELOT ones: their old addresses keep
working.

``rename`` runs first (a demo built before the rename gets the new slug in
place, not a second page or category); ``redirect`` runs last and gives every
renamed page, in every language, a permanent (301) Wagtail redirect from its
old address, and every renamed category its old slug as a
``directory.FormerCategorySlug``: a list filtered by it, ``?category=<old>``,
is not a missing page (Wagtail redirects only paths), so the directory sends
it on to ``?category=<new>`` itself.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from directory.models import Category, FormerCategorySlug

# old slug -> ELOT 743 slug of the same page
RENAMED = {
    # directory services
    "koinoniko-timologio-ydreusis": "koinoniko-timologio-ydrefsis",
    "psychokoinoniki-stiriksi": "psychokoinoniki-stirixi",
    "ypostiriksi-aitounton-asylo": "ypostirixi-aitounton-asylo",
    "scholiki-ypostiriksi": "scholiki-ypostirixi",
    # campaigns
    "kausonas-klimatizomenoi-xoroi": "kafsonas-klimatizomenoi-choroi",
    "eggrafes-kdap": "engrafes-kdap",
    # events
    "synaylia-xorodias": "synavlia-chorodias",
    # volunteering
    "sxoliki-stirixi": "scholiki-stirixi",
}

# old category slug -> ELOT 743 slug (a filter in the directory and the events)
RENAMED_CATEGORIES = {"ekpaideusi": "ekpaidefsi"}


def old_path(page, old_slug):
    """The address ``page`` had under ``old_slug``: its URL with the last
    segment changed, e.g. ``/en/services/old/`` for ``/en/services/new/``;
    None for a page outside every site (it has no address to keep)."""
    url = page.get_url()
    if not url:
        return None
    head = url.rstrip("/").rsplit("/", 1)[0]
    return f"{head}/{old_slug}/"


def rename(log):
    renamed = 0
    for old, new in RENAMED.items():
        for page in Page.objects.filter(slug=old):
            if page.get_parent().get_children().filter(slug=new).exists():
                continue
            page = page.specific
            page.slug = new
            page.save()
            renamed += 1
    for old, new in RENAMED_CATEGORIES.items():
        for category in Category.objects.filter(slug=old):
            if Category.objects.filter(locale=category.locale, slug=new).exists():
                continue
            category.slug = new
            category.save(update_fields=["slug"])
            renamed += 1
    if renamed:
        log(f"renamed: {renamed} demo pages and categories to ELOT 743 slugs")


def redirect(log):
    made = 0
    for old, new in RENAMED.items():
        for page in Page.objects.filter(slug=new).live():
            path = old_path(page, old)
            if path is None:
                continue
            path = Redirect.normalise_path(path)
            if Redirect.objects.filter(old_path=path).exists():
                continue
            Redirect.add_redirect(path, redirect_to=page, is_permanent=True)
            made += 1
    for old, new in RENAMED_CATEGORIES.items():
        category = Category.objects.filter(slug=new).order_by("pk").first()
        if category is not None:
            made += FormerCategorySlug.objects.get_or_create(
                slug=old, defaults={"category": category}
            )[1]
    log(f"redirects: {made} old demo addresses to renamed pages and categories")
