from django import template

from directory.models import DirectoryPage

register = template.Library()


@register.simple_tag
def directory_route(directory_url, name, *args):
    """The address of an organisation or location page under the directory,
    from the directory's own address: {% directory_route url 'location' slug %}."""
    return directory_url + DirectoryPage().reverse_subpage(name, args=args)
