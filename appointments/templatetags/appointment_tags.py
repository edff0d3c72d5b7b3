from urllib.parse import urlencode

from django import template
from django.conf import settings

from appointments.models import AppointmentPage

register = template.Library()


@register.simple_tag(takes_context=True)
def appointment_request_url(context, service):
    """{% appointment_request_url page as url %}: the request form with this
    service and its first place preselected; "" when there is no form."""
    page = (
        AppointmentPage.objects.live()
        .filter(locale_id=service.locale_id)
        .order_by("path")
        .first()
    ) or (
        AppointmentPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )
    if page is None:
        return ""
    query = {"service": service.pk}
    first = service.service_locations.order_by("sort_order").first()
    if first is not None:
        query["location"] = first.location_id
    return f"{page.get_url(context.get('request'))}?{urlencode(query)}"
