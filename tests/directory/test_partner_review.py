"""Partners confirm their own records without an account (issue #25, part 2):
a due service's partner gets a Greek e-mail with a signed link, reminders on
the 7th and 21st day and the staff are told on the 28th; "still correct"
stamps every translation; changes wait as a draft in the Moderators'
workflow, and nothing is published by the partner; a link that no longer
works gets a clear page."""

import datetime
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import call_command
from wagtail.models import WorkflowState

from core.abuse import started_token
from core.models import CentreSettings
from directory import partner_review
from directory.models import ReviewRequest, ServicePage
from tests.goods.conftest import login_as

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
ADDRESS = "partner@example.org"


@pytest.fixture
def service(demo_site):
    """One live Greek service with a partner's address and a contact, due
    since June; every other service checked today, so none of them is due."""
    ServicePage.objects.update(last_reviewed=TODAY, review_email="", email="")
    page = (
        ServicePage.objects.live()
        .filter(locale__language_code="el", contacts__phone__gt="")
        .order_by("pk")
        .first()
    )
    ServicePage.objects.filter(pk=page.pk).update(
        last_reviewed=datetime.date(2026, 6, 1), review_email=ADDRESS
    )
    page.refresh_from_db()
    return page


@pytest.fixture
def moderator(demo_site):
    user = get_user_model().objects.create_user(
        "moderator-reviews", "moderator@example.org", "a-password"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def ask(service, today=TODAY):
    """The request made for ``service`` on ``today``, with its e-mail."""
    (review,) = partner_review.send_due_requests(today)
    assert review.service_id == service.pk
    return review


def link_in(message):
    return re.search(r"https?://\S+/elegchos/\S+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def answers(form_url, client, **changes):
    """The form's prefilled values, with ``changes``, as the partner sends
    them (a minute after opening it)."""
    form = client.get(form_url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    data.update(homepage="", started=started_token(time.time() - 60))
    data.update(changes)
    return data


def test_a_due_service_gets_one_request_with_a_greek_email(
    service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = ask(service)
        # The next day nothing new: the request is open.
        assert partner_review.send_due_requests(TODAY + datetime.timedelta(1)) == []
    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert service.title in message.subject
    assert "Ελέγξτε" in message.subject
    assert "Όλα είναι σωστά" in message.body
    assert "Στείλτε τις αλλαγές" in message.body
    assert "35 ημέρες" in message.body
    assert partner_review.read_token(link_in(message).split("/")[-2]) == review
    review.refresh_from_db()
    assert (review.sent_count, review.email_error) == (1, "")
    assert review.last_sent_at is not None


def test_a_service_not_due_or_without_an_address_gets_nothing(service):
    ServicePage.objects.filter(pk=service.pk).update(
        last_reviewed=datetime.date(2026, 6, 2)
    )
    assert partner_review.send_due_requests(TODAY) == []
    ServicePage.objects.filter(pk=service.pk).update(
        last_reviewed=None, review_email=""
    )
    assert partner_review.send_due_requests(TODAY) == []


def test_a_service_never_checked_is_due_and_the_service_email_is_used(service):
    ServicePage.objects.filter(pk=service.pk).update(
        last_reviewed=None, review_email="", email="office@example.org"
    )
    assert ask(service).email == "office@example.org"


def test_reminders_on_the_7th_and_21st_day_then_the_staff_on_the_28th(
    service, moderator, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_user(
        "editor-reviews", "editor@example.org", "a-password"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    ask(service)

    def day(offset):
        with django_capture_on_commit_callbacks(execute=True):
            partner_review.run_daily(TODAY + datetime.timedelta(days=offset))
        sent = [(message.to, message.subject) for message in mail.outbox]
        mail.outbox.clear()
        return sent

    assert day(6) == []
    reminder = day(7)
    assert reminder and reminder[0][0] == [ADDRESS]
    assert reminder[0][1].startswith("Υπενθύμιση")
    assert day(8) == []
    assert day(20) == []
    assert [to for to, _subject in day(21)] == [[ADDRESS]]
    assert day(27) == []
    flagged = day(28)
    assert [to for to, _subject in flagged] == [["editor@example.org"]]
    assert "Καμία απάντηση" in flagged[0][1]
    review = ReviewRequest.objects.get()
    assert (review.outcome, review.sent_count) == ("flagged", 3)
    # Flagged: no more mail, and no new request while the staff have it.
    assert day(29) == []
    assert day(60) == []


def test_the_owners_of_a_service_are_told_rather_than_the_editors(
    service, moderator, django_capture_on_commit_callbacks
):
    service.review_owners.add(moderator)
    service.save_revision().publish()
    ask(service)
    with django_capture_on_commit_callbacks(execute=True):
        partner_review.flag_unanswered(TODAY + datetime.timedelta(days=28))
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]


def test_the_command_runs_the_day(service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_requests", "--date", TODAY.isoformat())
    assert ReviewRequest.objects.filter(service=service).count() == 1
    assert len(mail.outbox) == 1


def form_url_of(review):
    return path_of(partner_review.form_url(review))


def test_the_form_is_prefilled_with_the_public_record(client, service):
    html = client.get(form_url_of(ask(service))).content.decode()
    assert service.summary.split()[0] in html
    for contact in service.contacts.all():
        if contact.phone:
            assert f'value="{contact.phone}"' in html
    assert "Όλα είναι σωστά" in html
    assert "Στείλτε τις αλλαγές" in html
    assert 'lang="el"' in html


def test_still_correct_stamps_every_translation_and_publishes_nothing(client, service):
    review = ask(service)
    translations = ServicePage.objects.filter(translation_key=service.translation_key)
    before = {page.pk: page.latest_revision_id for page in translations}
    response = client.post(
        form_url_of(review), answers(form_url_of(review), client, action="confirm")
    )
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Ευχαριστούμε" in thanks.content.decode()
    for page in translations.all():
        assert page.last_reviewed == datetime.date.today()
        assert page.reviewed_by == "organisation"
        assert page.latest_revision_id == before[page.pk]
        assert not page.has_unpublished_changes or page.pk != service.pk
    review.refresh_from_db()
    assert review.outcome == "confirmed"
    # The link works once.
    again = client.get(form_url_of(review))
    assert again.status_code == 410
    assert "Έχετε ήδη απαντήσει" in again.content.decode()


def test_changes_wait_as_a_draft_in_the_workflow_with_the_new_phone(
    client, service, moderator, django_capture_on_commit_callbacks
):
    review = ask(service)
    url = form_url_of(review)
    data = answers(url, client, action="changes", phone_0="2721099999")
    data["places_note"] = "Την Παρασκευή κλείνουμε στις 13:00."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    live = ServicePage.objects.get(pk=service.pk)
    assert "2721099999" not in [contact.phone for contact in live.contacts.all()]
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert "2721099999" in [contact.phone for contact in draft.contacts.all()]
    assert draft.reviewed_by == "organisation"
    review.refresh_from_db()
    assert review.outcome == "changed"
    assert review.revision_id == live.latest_revision_id
    state = WorkflowState.objects.get(
        object_id=str(live.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.current_task_state.revision_id == review.revision_id
    # Wagtail tells them it was submitted; this says what it is and links the diff.
    (message,) = [m for m in mail.outbox if "έστειλε αλλαγές" in m.subject]
    assert message.to == ["moderator@example.org"]
    assert f"/admin/pages/{live.pk}/revisions/compare/live...{review.revision_id}/" in (
        message.body
    )
    assert "Την Παρασκευή κλείνουμε" in message.body
    # Phones reach the translations on approval; text after wagtail-localize's sync.
    assert "περνούν μόνα τους στις αγγλικές και τις αραβικές σελίδες" in message.body
    assert "«Συγχρονισμό μεταφρασμένων σελίδων»" in message.body
    # The Moderator sees the old and the new phone in the compare view.
    login_as(client, "Moderators")
    diff = client.get(review.diff_path()).content.decode()
    assert "2721099999" in diff


def test_nothing_changed_comes_back_with_an_error(client, service):
    review = ask(service)
    url = form_url_of(review)
    response = client.post(url, answers(url, client, action="changes"))
    assert response.status_code == 200
    assert "Δεν αλλάξατε τίποτα" in response.content.decode()
    assert ReviewRequest.objects.get().answered_at is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone_0", "not a phone"),
        ("applications_close", "2020-01-01"),
        ("website", "not an address"),
    ],
)
def test_bad_answers_come_back_with_errors_and_store_nothing(
    client, service, field, value
):
    review = ask(service)
    url = form_url_of(review)
    data = answers(url, client, action="changes", applications_open="2026-01-10")
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    live = ServicePage.objects.get(pk=service.pk)
    assert live.latest_revision_id == service.latest_revision_id
    assert ReviewRequest.objects.get().answered_at is None


def test_an_expired_link_gets_a_clear_page(client, service, monkeypatch):
    review = ask(service)
    long_ago = time.time() - 36 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    url = form_url_of(review)
    monkeypatch.undo()
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ο σύνδεσμος έληξε" in html
    phone = CentreSettings.load().phone
    assert phone and phone in html  # what to do: call the Centre
    with pytest.raises(partner_review.ExpiredLink):
        partner_review.read_token(url.split("/")[-2])


@pytest.mark.parametrize(
    "alter",
    [lambda token: token[:-2] + "xx", lambda token: "7" + token[1:], lambda _t: "x"],
)
def test_a_tampered_link_gets_a_clear_page(client, service, alter):
    review = ask(service)
    url = form_url_of(review)
    token = url.split("/")[-2]
    response = client.get(url.replace(token, alter(token)))
    assert response.status_code == 400
    assert "Ο σύνδεσμος δεν λειτουργεί" in response.content.decode()
    assert client.post(url.replace(token, alter(token)), {}).status_code == 400


def test_a_link_to_a_deleted_request_gets_a_clear_page(client, service):
    review = ask(service)
    url = form_url_of(review)
    review.delete()
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("Editors", True), ("Moderators", True), ("Caseworkers", False)],
)
def test_the_partner_checks_list_is_for_editors_and_moderators(
    client, service, role, allowed
):
    ask(service)
    login_as(client, role)
    response = client.get("/admin/directory_partner_checks/")
    assert (response.status_code == 200) is allowed
    if allowed:
        html = response.content.decode()
        assert service.title in html
        assert "Αναμένεται ο φορέας" in html
        # Read only: nobody adds or edits a request.
        assert client.get("/admin/directory_partner_checks/new/").status_code in (
            302,
            403,
        )


def test_the_list_filters_by_status_and_links_the_diff(client, service):
    review = ask(service)
    url = form_url_of(review)
    client.post(url, answers(url, client, action="changes", phone_0="2721099999"))
    review.refresh_from_db()
    login_as(client, "Editors")
    answered = client.get("/admin/directory_partner_checks/?state=answered")
    assert review.diff_path() in answered.content.decode()
    waiting = client.get("/admin/directory_partner_checks/?state=open")
    assert service.title not in waiting.content.decode().split("<tbody")[-1]


def test_documents_steps_and_eligibility_changes_reach_the_draft(client, service):
    review = ask(service)
    url = form_url_of(review)
    data = answers(url, client, action="changes")
    kept = data["documents"].splitlines()[:1]
    data["documents"] = "\n".join([*kept, "Βεβαίωση ανεργίας"])
    data["steps"] = "Κλείστε ραντεβού\nΦέρτε τα δικαιολογητικά"
    data["eligibility"] = "Άνεργοι & μακροχρόνια άνεργοι"
    assert client.post(url, data).status_code == 302
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    documents = [document.name for document in draft.required_documents.all()]
    assert documents == [*kept, "Βεβαίωση ανεργίας"]
    assert [block.value["title"] for block in draft.application_steps] == [
        "Κλείστε ραντεβού",
        "Φέρτε τα δικαιολογητικά",
    ]
    assert str(draft.eligibility) == "<p>Άνεργοι &amp; μακροχρόνια άνεργοι</p>"
    # Waiting for a Moderator, the service is not asked again.
    assert partner_review.send_due_requests(TODAY + datetime.timedelta(days=40)) == []


def test_the_button_at_the_top_confirms_without_the_fields(client, service):
    review = ask(service)
    response = client.post(
        form_url_of(review),
        {"action": "confirm", "started": started_token(time.time() - 60)},
    )
    assert response.status_code == 302
    assert ReviewRequest.objects.get().outcome == "confirmed"
    live = ServicePage.objects.get(pk=service.pk)
    assert (live.summary, live.website) == (service.summary, service.website)


def test_a_second_answer_from_a_stale_page_changes_nothing(service):
    review = ask(service)
    stale = ReviewRequest.objects.get(pk=review.pk)
    partner_review.confirm(review)
    revisions = service.revisions.count()
    with pytest.raises(partner_review.AnsweredLink):
        partner_review.submit_changes(stale, {"summary": "Άλλο κείμενο"})
    assert service.revisions.count() == revisions
    assert ReviewRequest.objects.get().outcome == "confirmed"


def test_the_public_page_shows_the_partners_check_at_once(
    client, service, django_capture_on_commit_callbacks
):
    ServicePage.objects.filter(pk=service.pk).update(reviewed_by="centre")
    before = client.get(service.url).content.decode()  # its parts are cached now
    assert "Ελέγχθηκε στις 1 Ιουνίου 2026 από το Κέντρο." in before

    with django_capture_on_commit_callbacks(execute=True):
        partner_review.confirm(ask(service), today=TODAY)

    after = client.get(service.url).content.decode()
    assert "Ελέγχθηκε στις 1 Δεκεμβρίου 2026 από τον φορέα." in after


def send_new_phone(client, service, phone, callbacks):
    """The partner sends ``phone`` for the first contact: the draft's
    workflow state."""
    url = form_url_of(ask(service))
    with callbacks(execute=True):
        client.post(url, answers(url, client, action="changes", phone_0=phone))
    return WorkflowState.objects.get(
        object_id=str(service.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )


def translations_of(service):
    return ServicePage.objects.filter(translation_key=service.translation_key).exclude(
        pk=service.pk
    )


def test_an_approved_phone_reaches_the_english_and_arabic_pages(
    client, service, moderator, django_capture_on_commit_callbacks
):
    """Without "Sync translated pages": a visitor reading the English or
    Arabic page calls the number the Moderator approved (#25)."""
    assert {page.locale.language_code for page in translations_of(service)} == {
        "en",
        "ar",
    }
    state = send_new_phone(
        client, service, "2721099999", django_capture_on_commit_callbacks
    )
    assert all(
        "2721099999" not in client.get(page.url).content.decode()
        for page in translations_of(service)
    )
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=moderator)
    for page in translations_of(service):
        assert "2721099999" in client.get(page.url).content.decode(), page.url
        assert page.reviewed_by == "organisation" and page.last_reviewed == TODAY
        assert not page.has_unpublished_changes


def test_a_translation_with_a_draft_of_its_own_is_left_for_its_review(
    client, service, moderator, django_capture_on_commit_callbacks
):
    english = translations_of(service).get(locale__language_code="en")
    draft = english.get_latest_revision_as_object()
    draft.summary = "A translator's summary, not yet approved."
    draft.save_revision()
    state = send_new_phone(
        client, service, "2721099999", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=moderator)
    english.refresh_from_db()
    html = client.get(english.url).content.decode()
    assert "A translator's summary" not in html and "2721099999" not in html
    assert english.has_unpublished_changes
    arabic = translations_of(service).get(locale__language_code="ar")
    assert "2721099999" in client.get(arabic.url).content.decode()
