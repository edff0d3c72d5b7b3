"""E-mail to and about volunteers, sent by django-tasks after a commit."""

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django_tasks import task

from core.forms import normalise_email
from core.mail import admin_link, deliver, group_addresses, render_message, sender
from volunteers.models.volunteers import Volunteer
from volunteers.tokens import (
    LinkError,
    confirmation_token,
    read_withdrawal_request_token,
    withdrawal_token,
)

COORDINATORS_GROUP = "Volunteer coordinators"
# The e-mails to the staff, in the site's default language.
TO_STAFF = ("notify_coordinators",)


def language_of(kind, volunteer):
    """The volunteer's language for their own e-mails, Greek for the staff."""
    return settings.LANGUAGE_CODE if kind in TO_STAFF else volunteer.language


def route_url(index_url, name, *args):
    # The page class by its name in the app registry: its routes' views are
    # what enqueue these e-mails, so the page module imports them, not this.
    index_page = apps.get_model("volunteers", "VolunteerIndexPage")
    return index_url.rstrip("/") + "/" + index_page.get_resolver().reverse(name, *args)


def build_message(kind, volunteer, index_url):
    """The subject, body and recipients of one e-mail, in the right language."""
    context = {
        "volunteer": volunteer,
        "withdraw_url": route_url(
            index_url, "withdraw", withdrawal_token(volunteer.email)
        ),
    }
    if kind == "confirm":
        context["confirm_url"] = route_url(
            index_url, "confirm", confirmation_token(volunteer)
        )
        language, recipients = volunteer.language, [volunteer.email]
    elif kind == "withdrawal_link":
        language, recipients = volunteer.language, [volunteer.email]
    elif kind == "notify_coordinators":
        context["admin_url"] = admin_link("volunteers:inspect", volunteer.pk)
        language = settings.LANGUAGE_CODE
        recipients = group_addresses(COORDINATORS_GROUP)
    else:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    subject, body = render_message(f"volunteers/email/{kind}", context, language)
    return subject, body, recipients


@task()
def send_volunteer_email(kind, volunteer_pk, index_url, attempt=1):
    """Send one e-mail; on failure, try again later, and record it for the staff.

    The sign-up is already committed when this runs, so a failure loses
    nothing: the coordinators see the error on the volunteer's record, and
    once every attempt has failed the task backend marks the task as failed.
    """
    volunteer = Volunteer.objects.filter(pk=volunteer_pk).first()
    if volunteer is None:  # withdrawn or purged in the meantime
        return "gone"
    subject, body, recipients = build_message(kind, volunteer, index_url)
    if not recipients:
        return "no recipients"
    same_volunteer = Volunteer.objects.filter(pk=volunteer.pk)

    def record_failure(text):
        same_volunteer.update(email_error=text[:1000])

    def record_success():
        if volunteer.email_error:
            same_volunteer.update(email_error="")

    from_email = sender(language_of(kind, volunteer))
    return deliver(
        EmailMessage(subject, body, from_email=from_email, to=recipients),
        task=send_volunteer_email,
        args=(kind, volunteer_pk, index_url),
        attempt=attempt,
        label=kind,
        record_failure=record_failure,
        record_success=record_success,
    )


@task()
def send_withdrawal_link(token, index_url):
    """Someone asked for a withdrawal link: send it if the address (sealed in
    ``token``) is a volunteer's, and do nothing otherwise."""
    try:
        email = read_withdrawal_request_token(token)
    except LinkError:
        return "expired"
    volunteer = (
        Volunteer.objects.filter(email=normalise_email(email))
        .order_by(models.Case(models.When(status="unconfirmed", then=1), default=0))
        .first()
    )
    if volunteer is None:
        return "unknown"
    return send_volunteer_email.call("withdrawal_link", volunteer.pk, index_url)
