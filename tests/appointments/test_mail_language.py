"""The person reads their own e-mails in the language of the form they used:
the service, the place and its address in that language, under the centre's
name in that language; and an Arabic plain-text body keeps phone numbers,
references and links in their order when a mail program lays it out right
to left."""

import datetime
from email.utils import parseaddr

import icalendar
import pytest
from bidi import get_display
from django.conf import settings
from django.core import mail

from appointments import workflow
from appointments.models import AppointmentPage, AppointmentRequest
from core.models import CentreSettings
from core.templatetags.direction import (
    FIRST_STRONG_ISOLATE,
    LEFT_TO_RIGHT_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
)

ISOLATES = (LEFT_TO_RIGHT_ISOLATE, FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE)
WHEN = datetime.datetime(2026, 12, 3, 8, 30, tzinfo=datetime.UTC)


def request_on_the_form(language, client, service, valid_data, capture):
    """An appointment request sent on the form in ``language``, then
    scheduled by a caseworker: returns the request and its two e-mails."""
    form_page = AppointmentPage.objects.get(locale__language_code=language)
    service_here = service.get_translation(form_page.locale)
    with capture(execute=True):
        response = client.post(form_page.url, valid_data(service=str(service_here.pk)))
    assert response.status_code == 302
    request = AppointmentRequest.objects.get()
    assert request.site_language == language
    confirmation = mail.outbox[0]
    request.status = AppointmentRequest.Status.CONTACTED
    request.save()
    with capture(execute=True):
        workflow.schedule(request, WHEN)
    scheduled = mail.outbox[-1]
    assert scheduled.to == [request.email] and scheduled is not confirmation
    return request, confirmation, scheduled


def sender_name(message):
    return parseaddr(message.from_email)[0]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_person_reads_service_place_and_sender_in_their_language(
    language, client, service, centre, valid_data, django_capture_on_commit_callbacks
):
    service_here = service.get_translation_or_none(
        AppointmentPage.objects.get(locale__language_code=language).locale
    )
    place_here = centre.get_translation(service_here.locale)
    assert place_here.name != centre.name  # the demo translates both
    request, confirmation, scheduled = request_on_the_form(
        language, client, service, valid_data, django_capture_on_commit_callbacks
    )
    centre_name = CentreSettings.load().display_name(language)
    assert centre_name != CentreSettings.load().name

    for message in (confirmation, scheduled):
        body = message.body
        for character in ISOLATES:
            body = body.replace(character, "")
        assert service_here.title in body
        assert place_here.name in body
        assert place_here.one_line_address() in body
        assert service.title not in body and centre.name not in body
        assert centre.address not in body
        # The same address, under the centre's name in the person's language.
        assert sender_name(message) == centre_name
        assert (
            parseaddr(message.from_email)[1]
            == parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        )
    # The checklist link and the calendar file's place are in the language too.
    assert service_here.full_url in scheduled.body
    name, content, mimetype = scheduled.attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["location"]).startswith(place_here.name)


def test_the_arabic_sender_is_the_arabic_name(
    client, service, valid_data, django_capture_on_commit_callbacks
):
    _request, confirmation, _scheduled = request_on_the_form(
        "ar", client, service, valid_data, django_capture_on_commit_callbacks
    )
    assert sender_name(confirmation) == "مركز المجتمع في كالاماتا"


def test_greek_mail_keeps_the_configured_sender_and_no_invisible_marks(
    client, service, centre, valid_data, django_capture_on_commit_callbacks
):
    _request, confirmation, scheduled = request_on_the_form(
        "el", client, service, valid_data, django_capture_on_commit_callbacks
    )
    for message in (confirmation, scheduled):
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert not any(character in message.body for character in ISOLATES)
        assert service.title in message.body and centre.name in message.body


def laid_out_right_to_left(body):
    """Each line of ``body`` as an Arabic mail program shows it (the
    paragraph right to left, by the Unicode bidi algorithm), read back from
    the left; the invisible isolates dropped."""
    lines = []
    for line in body.splitlines():
        shown = get_display(line, base_dir="R") if line else line
        for character in ISOLATES:
            shown = shown.replace(character, "")
        lines.append(shown)
    return lines


def test_the_arabic_plain_text_keeps_numbers_and_links_in_order(
    client, service, valid_data, django_capture_on_commit_callbacks
):
    request, confirmation, scheduled = request_on_the_form(
        "ar", client, service, valid_data, django_capture_on_commit_callbacks
    )
    phone = CentreSettings.load().phone
    assert phone == "27210 99100"
    shown = laid_out_right_to_left(confirmation.body)
    text = "\n".join(shown)
    assert phone in text and "99100 27210" not in text
    assert request.reference in text
    status_lines = [line for line in shown if "katastasi" in line]
    assert status_lines == ["http://testserver/ar/rantevou/katastasi/"]

    shown = "\n".join(laid_out_right_to_left(scheduled.body))
    assert phone in shown and request.reference in shown
    assert "Aristomenous 21" in shown
    checklist = service.get_translation(request_locale("ar")).full_url
    assert checklist in shown


def request_locale(language):
    return AppointmentPage.objects.get(locale__language_code=language).locale
