"""The review cycle of services (issue #25): when a record falls due and
when it is out of date (directory.review), what the public page says about
it in every language, and how the directory ranks an out-of-date record."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from core import chrome
from directory import calendar, review
from directory.factories import OrganisationFactory
from directory.models import ServicePage
from directory.search import parse_filters, search

DAY = datetime.date


def record(last_reviewed, interval=6):
    """What the rules read of a service."""
    return SimpleNamespace(last_reviewed=last_reviewed, review_interval=interval)


# The rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (DAY(2026, 3, 15), 6, DAY(2026, 9, 15)),
        (DAY(2026, 8, 31), 6, DAY(2027, 2, 28)),  # no 31 February
        (DAY(2027, 8, 31), 6, DAY(2028, 2, 29)),  # a leap year
        (DAY(2026, 10, 31), 1, DAY(2026, 11, 30)),
        (DAY(2026, 9, 12), 12, DAY(2027, 9, 12)),
        (DAY(2026, 12, 1), -6, DAY(2026, 6, 1)),
        (DAY(2027, 3, 31), -1, DAY(2027, 2, 28)),
        (DAY(2026, 11, 30), 36, DAY(2029, 11, 30)),
    ],
)
def test_months_are_calendar_months_kept_inside_short_months(day, months, expected):
    assert review.add_months(day, months) == expected


def test_a_record_falls_due_its_interval_after_its_check():
    checked = record(DAY(2026, 8, 31))
    assert review.due_on(checked) == DAY(2027, 2, 28)
    assert not review.is_due(checked, DAY(2027, 2, 27))
    assert review.is_due(checked, DAY(2027, 2, 28))
    assert review.due_on(record(DAY(2026, 8, 31), interval=3)) == DAY(2026, 11, 30)


def test_a_record_never_checked_is_due_now_but_not_called_out_of_date():
    never = record(None)
    assert review.due_on(never) is None
    assert review.is_due(never, DAY(2026, 12, 1))
    assert review.out_of_date_from(never) is None
    assert not review.is_out_of_date(never, DAY(2099, 1, 1))


def test_a_record_is_out_of_date_once_older_than_twice_its_interval():
    checked = record(DAY(2026, 8, 31))  # twice 6 months: 31 August 2027
    assert not review.is_out_of_date(checked, DAY(2027, 8, 31))
    assert review.is_out_of_date(checked, DAY(2027, 9, 1))
    quarterly = record(DAY(2026, 8, 31), interval=3)  # 28 February 2027
    assert review.out_of_date_from(quarterly) == DAY(2027, 3, 1)


def test_days_overdue_count_from_the_due_date():
    assert review.days_overdue(record(DAY(2026, 5, 1)), DAY(2026, 11, 3)) == 2
    assert review.days_overdue(record(DAY(2026, 5, 1)), DAY(2026, 11, 1)) == 0
    assert review.days_overdue(record(None), DAY(2026, 11, 3)) is None


# Figures and the due list ----------------------------------------------------
# services_under_review (conftest): two services checked lately, two due
# (one for long), one never checked, and a withdrawn one.


def test_the_share_checked_counts_the_last_six_months(services_under_review):
    today = calendar.today()
    # fresh and recent of five (the withdrawn one is not counted).
    assert review.share_checked(today) == pytest.approx(2 / 5)
    assert review.share_checked(today, months=1) == pytest.approx(1 / 5)


def test_a_check_exactly_six_months_ago_is_due_and_not_counted(
    services_under_review,
):
    today = calendar.today()
    ServicePage.objects.filter(slug="recent").update(
        last_reviewed=review.add_months(today, -6)
    )
    assert review.share_checked(today) == pytest.approx(1 / 5)
    assert "recent" in [s.slug for s in review.due_services(today)]


def test_the_share_is_none_without_services(empty_directory):
    assert review.share_checked(calendar.today()) is None


def test_translations_are_not_counted_twice(services_under_review, locales):
    english = services_under_review["fresh"].copy_for_translation(
        locales["en"], copy_parents=True
    )
    english.save_revision().publish()
    assert review.share_checked(calendar.today()) == pytest.approx(2 / 5)
    assert review.count_due(calendar.today()) == 3


def test_the_due_list_puts_never_checked_first_then_the_longest_overdue(
    services_under_review,
):
    due = review.due_services(calendar.today())
    assert [service.slug for service in due] == ["never", "long-due", "due"]
    assert review.count_due(calendar.today()) == 3


def test_the_due_list_filters_by_owner_and_organisation(
    services_under_review, django_user_model
):
    services, today = services_under_review, calendar.today()
    owner = django_user_model.objects.create_user("eleni", "e@example.org", "pw")
    services["due"].review_owners.set([owner])
    services["due"].save()
    partner = OrganisationFactory(slug="opeka", name="ΟΠΕΚΑ")
    ServicePage.objects.filter(pk=services["long-due"].pk).update(organisation=partner)
    assert [s.slug for s in review.due_services(today, owner=owner)] == ["due"]
    assert [s.slug for s in review.due_services(today, organisation=partner)] == [
        "long-due"
    ]


def test_the_demo_has_one_out_of_date_service_and_says_who_checked(demo_site):
    today = calendar.today()
    greek = ServicePage.objects.live().filter(locale__language_code="el")
    stale = [s.slug for s in greek if review.is_out_of_date(s, today)]
    assert stale == ["koinoniko-farmakeio"]
    assert {s.reviewed_by for s in greek} == {"centre", "organisation"}
    due = [s.slug for s in review.due_services(today)]
    assert due == ["koinoniko-farmakeio", "deltio-metakinisis-amea"]


# The public page ---------------------------------------------------------


@pytest.fixture
def kapi(demo_site):
    """The demo's ΚΑΠΗ service and its English and Arabic pages."""
    greek = ServicePage.objects.get(locale__language_code="el", slug="kapi")
    pages = {"el": greek}
    for translated in greek.get_translations().live():
        pages[translated.locale.language_code] = translated
    assert set(pages) == {"el", "en", "ar"}
    return pages


def checked(pages, day, by, interval=6):
    ServicePage.objects.filter(translation_key=pages["el"].translation_key).update(
        last_reviewed=day, reviewed_by=by, review_interval=interval
    )


def main_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    ("language", "by", "text"),
    [
        ("el", "organisation", "Ελέγχθηκε στις 12 Σεπτεμβρίου 2026 από τον φορέα."),
        ("el", "centre", "Ελέγχθηκε στις 12 Σεπτεμβρίου 2026 από το Κέντρο."),
        ("el", "", "Οι πληροφορίες ελέγχθηκαν τελευταία φορά στις 12 Σεπτεμβρίου"),
        ("en", "organisation", "Checked on 12 September 2026 by the organisation."),
        ("en", "centre", "Checked on 12 September 2026 by the Centre."),
        ("en", "", "Information last checked on 12 September 2026."),
        ("ar", "organisation", "تحقّقت منها الجهة المقدِّمة في 12 سبتمبر 2026."),
        ("ar", "centre", "تحقّق منها المركز في 12 سبتمبر 2026."),
    ],
)
def test_the_page_says_when_and_by_whom_it_was_checked(
    client, kapi, language, by, text
):
    checked(kapi, DAY(2026, 9, 12), by, interval=12)
    html = main_html(client, kapi[language])
    assert text in html


def test_a_page_never_checked_says_nothing_about_checks(client, kapi):
    checked(kapi, None, "")
    html = main_html(client, kapi["el"])
    assert "Ελέγχθηκε" not in html and "ελέγχθηκαν" not in html
    assert "επίκαιρες" not in html


NOTICE = {
    "el": "Οι πληροφορίες μπορεί να μην είναι επίκαιρες — τηλεφωνήστε για επιβεβαίωση.",
    "en": "This information may be out of date — call to confirm.",
    "ar": "قد تكون هذه المعلومات غير محدَّثة — اتصل للتأكد.",
}


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_an_out_of_date_page_asks_to_call_its_first_phone(client, kapi, language):
    # Thirteen months ago, every six months: past twice its interval.
    checked(kapi, review.add_months(calendar.today(), -13), "centre")
    html = main_html(client, kapi[language])
    assert NOTICE[language] in html
    notice = html.split("stale-notice", 1)[1].split("</div>", 1)[0]
    phone = kapi["el"].contacts.exclude(phone="").first().phone
    assert f'href="tel:{phone.replace(" ", "")}"' in notice
    # At the top, before the summary.
    assert html.index(NOTICE[language]) < html.index(kapi[language].summary)


def test_a_page_checked_within_twice_its_interval_has_no_notice(client, kapi):
    checked(kapi, review.add_months(calendar.today(), -11), "centre")
    assert NOTICE["el"] not in main_html(client, kapi["el"])


def test_an_out_of_date_page_without_a_phone_still_says_so(client, kapi):
    checked(kapi, review.add_months(calendar.today(), -25), "organisation", 12)
    for page in kapi.values():
        page.contacts.all().delete()
    html = main_html(client, kapi["el"])
    assert NOTICE["el"] in html
    assert "tel:" not in html.split("stale-notice", 1)[1].split("</div>", 1)[0]


# The directory's ranking -----------------------------------------------------


def ranked_titles(directory, query="", moment=None):
    filters = parse_filters({"q": query} if query else {})
    results = search(directory, filters, directory.locale_id, moment=moment)
    return [service.title for service in results.services[:20]]


def test_an_out_of_date_service_is_listed_after_the_others(catalogue):
    # Επίδομα Στέγασης comes first by title; out of date, it goes last.
    ServicePage.objects.filter(slug="epidoma-stegasis").update(
        last_reviewed=DAY(2025, 1, 1)
    )
    assert ranked_titles(catalogue, moment=timezone.now()) == [
        "Κοινωνικό Παντοπωλείο",
        "Συσσίτιο",
        "Επίδομα Στέγασης",
    ]


def test_the_drop_follows_the_date_not_the_cached_catalogue(catalogue):
    ServicePage.objects.filter(slug="epidoma-stegasis").update(
        last_reviewed=DAY(2026, 1, 1)  # out of date from 2 January 2027
    )
    before = datetime.datetime(2026, 12, 31, 12, tzinfo=datetime.UTC)
    after = datetime.datetime(2027, 1, 2, 12, tzinfo=datetime.UTC)
    assert ranked_titles(catalogue, moment=before)[0] == "Επίδομα Στέγασης"
    assert ranked_titles(catalogue, moment=after)[-1] == "Επίδομα Στέγασης"


def test_a_never_checked_service_keeps_its_place(catalogue):
    assert ranked_titles(catalogue, moment=timezone.now())[0] == "Επίδομα Στέγασης"


def test_text_results_keep_their_rank_among_the_up_to_date(catalogue):
    query = "Καλαμάτας"  # the organisation of every service
    ranked = ranked_titles(catalogue, query, moment=timezone.now())
    assert len(ranked) == 3
    ServicePage.objects.filter(title=ranked[0]).update(last_reviewed=DAY(2020, 1, 1))
    chrome.bump()  # as publishing the change does
    assert ranked_titles(catalogue, query, moment=timezone.now()) == [
        *ranked[1:],
        ranked[0],
    ]
