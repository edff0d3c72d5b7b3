from django import template

from directory.models import DirectoryPage

register = template.Library()


@register.simple_tag
def directory_route(directory_url, name, *args):
    """The address of an organisation or location page under the directory,
    from the directory's own address: {% directory_route url 'location' slug %}."""
    return directory_url + DirectoryPage().reverse_subpage(name, args=args)


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
