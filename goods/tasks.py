"""E-mail about donation pledges, sent by django-tasks after a commit (see
core.mail for the retries)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from core.mail import (
    admin_link,
    deliver,
    group_addresses,
    in_language,
    render_message,
    sender,
)
from core.models import CentreSettings
from goods.models.pledges import Pledge

COORDINATORS_GROUP = "Goods coordinators"
# The e-mails to the staff, in the site's default language.
TO_STAFF = ("notify_staff",)


def language_of(kind, pledge):
    """The donor's language for the confirmation, Greek for the staff."""
    return settings.LANGUAGE_CODE if kind in TO_STAFF else pledge.language


def build_message(kind, pledge, page_url):
    """The subject, body and recipients of one e-mail, in the right language
    (the drop-off point too, in its translation where one exists)."""
    language = language_of(kind, pledge)
    context = {
        "pledge": pledge,
        "centre": CentreSettings.load(),
        "page_url": page_url,
        "place": in_language(pledge.drop_off_location, language),
    }
    if kind == "confirmation":
        recipients = [pledge.email]
    elif kind == "notify_staff":
        context["admin_url"] = admin_link("goods_pledges:edit", pledge.pk)
        recipients = group_addresses(COORDINATORS_GROUP)
    else:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    recipients = [address for address in recipients if address]
    subject, body = render_message(f"goods/email/{kind}", context, language)
    return subject, body, recipients


@task()
def send_pledge_email(kind, pledge_pk, page_url, attempt=1):
    """Send one e-mail; on failure, try again later and show the failure on
    the pledge. The pledge is committed before this runs."""
    pledge = Pledge.objects.select_related("drop_off_location").filter(pk=pledge_pk)
    pledge = pledge.first()
    if pledge is None or pledge.anonymised_at:
        return "gone"
    subject, body, recipients = build_message(kind, pledge, page_url)
    if not recipients:
        return "no recipients"
    same_pledge = Pledge.objects.filter(pk=pledge.pk)

    def record_failure(text):
        same_pledge.update(email_error=text[:1000])

    def record_success():
        if f" {kind}: " in pledge.email_error:
            same_pledge.update(email_error="")

    from_email = sender(language_of(kind, pledge))
    return deliver(
        EmailMessage(subject, body, from_email=from_email, to=recipients),
        task=send_pledge_email,
        args=(kind, pledge_pk, page_url),
        attempt=attempt,
        label=kind,
        record_failure=record_failure,
        record_success=record_success,
    )
