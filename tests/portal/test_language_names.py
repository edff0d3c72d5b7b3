"""Languages are named in the page's language, each with its own name beside
it, in that language's alphabetical order (directory.languages), on the
public forms and wherever a service lists them; the choice stored is the
same Language row whatever the page's language."""

import re
import time

import pytest
from wagtail.models import Locale

from appointments.models import AppointmentRequest
from core.abuse import started_token
from directory.models import Language, Location, ServicePage
from volunteers.models import Volunteer

ENGLISH = [
    "Albanian (Shqip)",
    "Arabic (العربية)",
    "Bulgarian (Български)",
    "Dari (دری)",
    "English",
    "Farsi (فارسی)",
    "French (Français)",
    "Georgian (ქართული)",
    "Greek (Ελληνικά)",
    "Kurmanji Kurdish (Kurmancî)",
    "Pashto (پښتو)",
    "Romani (Romani čhib)",
    "Romanian (Română)",
    "Russian (Русский)",
    "Sorani Kurdish (کوردی)",
    "Ukrainian (Українська)",
    "Urdu (اردو)",
]
# By the Arabic letters, hamza and ta marbuta aside: الأردية (ر) before
# الألبانية (ل), the article's words before لغة.
ARABIC = [
    "الأردية (اردو)",
    "الألبانية (Shqip)",
    "الإنجليزية (English)",
    "الأوكرانية (Українська)",
    "البشتوية (پښتو)",
    "البلغارية (Български)",
    "الجورجية (ქართული)",
    "الدارية (دری)",
    "الروسية (Русский)",
    "الرومانية (Română)",
    "العربية",
    "الفارسية (فارسی)",
    "الفرنسية (Français)",
    "الكردية السورانية (کوردی)",
    "الكردية الكرمانجية (Kurmancî)",
    "اليونانية (Ελληνικά)",
    "لغة الروما (Romani čhib)",
]
GREEK_START = ["Αγγλικά (English)", "Αλβανικά (Shqip)", "Αραβικά (العربية)"]


def select_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select.group(1))


def checkbox_labels(html, name):
    return re.findall(rf'<label for="id_{name}_\d+">([^<]+)</label>', html)


@pytest.mark.parametrize(
    ("prefix", "expected"), [("/en", ENGLISH), ("/ar", ARABIC)], ids=["en", "ar"]
)
def test_the_forms_name_languages_in_the_pages_language_and_order(
    client, demo_site, prefix, expected
):
    appointment = client.get(f"{prefix}/rantevou/").content.decode()
    volunteering = client.get(f"{prefix}/ethelontismos/eggrafi/").content.decode()

    assert select_options(appointment, "language") == expected
    assert checkbox_labels(volunteering, "languages") == expected


def test_the_greek_forms_name_languages_in_greek_order(client, demo_site):
    appointment = client.get("/rantevou/").content.decode()
    labels = select_options(appointment, "language")
    assert labels[:3] == GREEK_START
    assert "Ελληνικά" in labels and "Ρομανί (Romani čhib)" in labels
    assert labels == checkbox_labels(
        client.get("/ethelontismos/eggrafi/").content.decode(), "languages"
    )


def test_an_arabic_appointment_request_keeps_the_language_chosen(client, demo_site):
    romani = Language.objects.get(code="rom")
    service = ServicePage.objects.get(slug="kea", locale__language_code="ar")
    centre = Location.objects.get(slug="kentro-koinotitas", locale__language_code="el")
    response = client.post(
        "/ar/rantevou/",
        {
            "service": str(service.pk),
            "where": f"place-{centre.pk}",
            "preferred_days": ["0"],
            "preferred_times": ["morning"],
            "name": "سارة اختبار",
            "phone": "6912345678",
            "preferred_contact": "phone",
            "language": str(romani.pk),
            "privacy_consent": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        },
    )
    assert response.status_code == 302
    request = AppointmentRequest.objects.get(name="سارة اختبار")
    assert request.language == romani


def test_an_english_volunteer_keeps_the_languages_chosen(client, demo_site):
    chosen = list(Language.objects.filter(code__in=["rom", "sq"]))
    response = client.post(
        "/en/ethelontismos/eggrafi/",
        {
            "name": "Sam Example",
            "email": "sam@example.org",
            "languages": [str(language.pk) for language in chosen],
            "availability": ["0-morning"],
            "is_adult": "on",
            "privacy_consent": "on",
            "homepage": "",
            "started": started_token(time.time() - 60),
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(email="sam@example.org")
    assert set(volunteer.languages.all()) == set(chosen)


def test_a_service_lists_its_languages_by_name_and_endonym(client, demo_site):
    service = ServicePage.objects.get(slug="kea", locale__language_code="el")
    service.languages.set(Language.objects.filter(code__in=["rom", "sq", "ar", "el"]))
    service.save_revision().publish()
    english = service.get_translation(Locale.objects.get(language_code="en"))
    english.languages.set(service.languages.all())
    english.save_revision().publish()

    greek = client.get(service.url).content.decode()
    # Each endonym is marked with its language, for screen readers.
    assert (
        'Αλβανικά (<bdi lang="sq">Shqip</bdi>), '
        'Αραβικά (<bdi lang="ar">العربية</bdi>), '
        'Ελληνικά, Ρομανί (<bdi lang="rom">Romani čhib</bdi>)'
    ) in greek
    in_english = client.get(english.url).content.decode()
    assert (
        'Albanian (<bdi lang="sq">Shqip</bdi>), '
        'Arabic (<bdi lang="ar">العربية</bdi>), '
        'Greek (<bdi lang="el">Ελληνικά</bdi>), '
        'Romani (<bdi lang="rom">Romani čhib</bdi>)'
    ) in in_english
