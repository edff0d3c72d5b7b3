from django import template
from wagtail.models import Locale

from eligibility.models import EligibilityCheckPage

register = template.Library()


@register.filter
def window_state(programme, day):
    return programme.window_state(day)


@register.inclusion_tag("eligibility/includes/home_link.html", takes_context=True)
def eligibility_check_link(context):
    """The way into the check from the home page, in the visitor's language."""
    page = (
        EligibilityCheckPage.objects.live()
        .filter(locale=Locale.get_active())
        .only("title", "intro", "url_path", "path", "depth")
        .first()
    )
    return {"check_page": page, "request": context.get("request")}
