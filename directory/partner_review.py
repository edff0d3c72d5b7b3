"""Partners confirm their own records without an account (issue #25, part 2).

* Each day (``manage.py send_review_requests``) every live Greek service
  that is due for a check and has a partner's address gets one request: an
  e-mail in Greek with a signed link to a form prefilled with the public
  record. The partner is reminded 7 and 21 days after the first e-mail; at
  28 days without an answer the request is passed to the staff who own the
  service (else the Editors).
* The link is a ``TimestampSigner`` signature of the request's id, valid for
  ``TOKEN_MAX_AGE`` (35 days, so that the last reminder's link outlives the
  flag). ``read_token`` says why a link does not work.
* "Still correct" stamps the check on every translation of the service and
  changes nothing else. Changes become a draft revision of the Greek page,
  submitted to the page's workflow (the Moderators approve it): this flow
  never publishes anything.
"""

import base64
import binascii
import datetime
import html
import re
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape, strip_tags
from wagtail.models import Revision
from wagtail.rich_text import RichText

from core import chrome
from directory.models.reviews import ReviewRequest
from directory.models.services import RequiredDocument, ServicePage
from directory.review import due_on, is_due, partner_address, record_share
from directory.tasks import (
    send_review_changes,
    send_review_flagged,
    send_review_request,
)

SALT = "kentro.directory.partner_review"
TOKEN_MAX_AGE = datetime.timedelta(days=35)
# Days after the first e-mail: a reminder on each, then the staff are told.
REMINDER_DAYS = (7, 21)
FLAG_DAYS = 28
CHECKED_BY_ORGANISATION = "organisation"


def candidates():
    """Live Greek services, not withdrawn, with an address for checks."""
    return (
        ServicePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(status=ServicePage.Status.INACTIVE)
        .exclude(Q(review_email="") & Q(email=""))
        .order_by("pk")
    )


def needs_request(service, today):
    """Due, and not asked since it fell due: no request made on or after
    the day it fell due, nor any at all for a service never checked. So a
    request passed to the staff waits for them, and changes waiting for a
    Moderator (the live page is not stamped until they are published) are
    not asked for again."""
    if not is_due(service, today):
        return False
    requests = ReviewRequest.objects.filter(service=service)
    fell_due = due_on(service)
    if fell_due is not None:
        requests = requests.filter(requested_on__gte=fell_due)
    return not requests.exists()


def send_due_requests(today=None):
    """Make one request per due service (``candidates``) and enqueue its
    e-mail after the commit; returns the new requests."""
    today = today or timezone.localdate()
    made = []
    for service in candidates():
        if not needs_request(service, today):
            continue
        with transaction.atomic():
            review = ReviewRequest.objects.create(
                service=service,
                email=partner_address(service),
                requested_on=today,
                sent_count=1,
            )
            _enqueue_request_email(review)
        made.append(review)
    return made


def send_reminders(today=None):
    """Remind the partners of open requests on the 7th and the 21st day
    after the first e-mail (a day missed by the cron is caught up, once);
    returns the reminded requests."""
    today = today or timezone.localdate()
    reminded = []
    for review in ReviewRequest.objects.filter(
        answered_at__isnull=True, flagged_at__isnull=True
    ).select_related("service"):
        days = (today - review.requested_on).days
        owed = 1 + sum(1 for day in REMINDER_DAYS if days >= day)
        if days >= FLAG_DAYS or review.sent_count >= owed:
            continue
        with transaction.atomic():
            ReviewRequest.objects.filter(pk=review.pk).update(sent_count=owed)
            review.sent_count = owed
            _enqueue_request_email(review, reminder=True)
        reminded.append(review)
    return reminded


def flag_unanswered(today=None):
    """Pass the requests unanswered ``FLAG_DAYS`` after the first e-mail to
    the staff: marked flagged, and the service's review owners (else the
    Editors) get an e-mail after the commit; returns them."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=FLAG_DAYS)
    flagged = []
    for review in ReviewRequest.objects.filter(
        answered_at__isnull=True, flagged_at__isnull=True, requested_on__lte=cutoff
    ):
        with transaction.atomic():
            review.flagged_at = timezone.now()
            review.outcome = ReviewRequest.Outcome.FLAGGED
            review.save(update_fields=["flagged_at", "outcome"])
            transaction.on_commit(partial(send_review_flagged.enqueue, review.pk))
        flagged.append(review)
    return flagged


def run_daily(today=None):
    """The cron's work, in order: flags, reminders, new requests; and the
    day's share of services checked kept as its month's figure
    (``review.record_share``). Returns {"flagged": n, "reminded": n,
    "requested": n}."""
    today = today or timezone.localdate()
    record_share(today)
    return {
        "flagged": len(flag_unanswered(today)),
        "reminded": len(send_reminders(today)),
        "requested": len(send_due_requests(today)),
    }


# The signed link.


class LinkError(Exception):
    """Why a link does not open the form; ``kind`` names the page shown and
    ``status`` its HTTP status."""

    kind = "invalid"
    status = 400

    def __init__(self, review=None):
        super().__init__(self.kind)
        self.review = review


class InvalidLink(LinkError):
    """Altered, cut short, or about a request that no longer exists."""


class ExpiredLink(LinkError):
    kind = "expired"
    status = 410


class AnsweredLink(LinkError):
    kind = "answered"
    status = 410


def _signer():
    return signing.TimestampSigner(salt=SALT)


def make_token(review):
    """The signed value of the link for ``review``, valid ``TOKEN_MAX_AGE``:
    the signature in URL-safe base64, since Wagtail serves only addresses
    whose parts are letters, digits, "-" and "_" (no ":")."""
    signed = _signer().sign(str(review.pk)).encode()
    return base64.urlsafe_b64encode(signed).decode().rstrip("=")


def _unwrap(token):
    """The signed value inside a token; InvalidLink when it is not one."""
    try:
        padded = token + "=" * (-len(token) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise InvalidLink from error


def read_token(token, allow_answered=False):
    """The open ReviewRequest a link's ``token`` is for.

    Raises ExpiredLink past ``TOKEN_MAX_AGE``, InvalidLink when it was
    altered or the request is gone, AnsweredLink when it was answered
    (unless ``allow_answered``: the thank-you page)."""
    try:
        pk = _signer().unsign(_unwrap(token), max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise InvalidLink from error
    review = ReviewRequest.objects.select_related("service").filter(pk=int(pk)).first()
    if review is None:
        raise InvalidLink
    if review.answered_at is not None and not allow_answered:
        raise AnsweredLink(review)
    return review


def form_url(review):
    """The absolute address of the form for ``review``, under the Greek
    directory that lists the service."""
    directory = review.service.get_parent().specific
    return directory.full_url + directory.reverse_subpage(
        "partner_review", args=[make_token(review)]
    )


def _enqueue_request_email(review, reminder=False):
    """After the commit: sign the link then, and send it."""

    def enqueue():
        send_review_request.enqueue(review.pk, form_url(review), reminder)

    transaction.on_commit(enqueue)


# What the form shows and what the answers change.


_BLOCK_END = re.compile(r"(</(p|li|h[1-6]|div)>|<br\s*/?>)", re.IGNORECASE)


def rich_text_lines(value):
    """Rich text (HTML) as plain lines, one per paragraph or list item."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", str(value or ""))))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def lines_as_rich_text(text):
    """Plain lines back into rich text: a paragraph each."""
    return "".join(f"<p>{escape(line)}</p>" for line in split_lines(text))


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def record_of(service):
    """The public record of ``service`` (its live page) as the form's
    initial values; phones by contact: ``phones`` [(translation_key, name,
    phone)]."""
    return {
        "summary": service.summary,
        "eligibility": rich_text_lines(service.eligibility),
        "documents": "\n".join(doc.name for doc in service.required_documents.all()),
        "steps": "\n".join(block.value["title"] for block in service.application_steps),
        "applications_open": service.applications_open,
        "applications_close": service.applications_close,
        "application_url": service.application_url,
        "website": service.website,
        "phones": [
            (contact.translation_key, contact.name, contact.phone)
            for contact in service.contacts.all()
        ],
    }


def confirm(review, today=None):
    """ "Still correct": the check is stamped on every translation of the
    service (today, by the organisation), nothing else changes and nothing
    is published; the request is answered."""
    today = today or timezone.localdate()
    stamp = {"last_reviewed": today, "reviewed_by": CHECKED_BY_ORGANISATION}
    with transaction.atomic():
        _answer(review, ReviewRequest.Outcome.CONFIRMED)
        pages = ServicePage.objects.filter(
            translation_key=review.service.translation_key
        )
        pages.update(**stamp)
        # The editor opens a page from its latest revision: without the stamp
        # there, the next publish would take the check back.
        for revision in Revision.objects.filter(
            pk__in=pages.exclude(latest_revision=None).values("latest_revision")
        ):
            revision.content.update(
                last_reviewed=today.isoformat(), reviewed_by=CHECKED_BY_ORGANISATION
            )
            revision.save(update_fields=["content"])
        # The directory's catalogue and the page's cached parts show the
        # check (and the out-of-date ranking) from the next request.
        transaction.on_commit(chrome.bump)


def _answer(review, outcome, **fields):
    """Mark ``review`` answered, once: AnsweredLink when another answer got
    there first (a second click, a second tab), which rolls back the
    caller's transaction. The conditional update waits for a concurrent one
    and then finds the row answered."""
    now = timezone.now()
    claimed = ReviewRequest.objects.filter(
        pk=review.pk, answered_at__isnull=True
    ).update(answered_at=now, outcome=outcome, **fields)
    if not claimed:
        raise AnsweredLink(review)
    review.answered_at, review.outcome = now, outcome
    for name, value in fields.items():
        setattr(review, name, value)


SIMPLE_FIELDS = (
    "summary",
    "applications_open",
    "applications_close",
    "application_url",
    "website",
)


def apply_changes(draft, changes):
    """Write ``changes`` (field name → the partner's value, as the form
    cleans them; ``phones``: {translation_key: phone}) onto ``draft``, a
    page built from a revision. Rows keep their ids where they survive, so
    that the revision compare view shows only what changed."""
    for name in SIMPLE_FIELDS:
        if name in changes:
            setattr(draft, name, changes[name])
    if "eligibility" in changes:
        draft.eligibility = lines_as_rich_text(changes["eligibility"])
    if "documents" in changes:
        draft.required_documents = _documents(draft, changes["documents"])
    if "steps" in changes:
        draft.application_steps = _steps(draft, changes["steps"])
    phones = changes.get("phones") or {}
    if phones:
        contacts = list(draft.contacts.all())
        for contact in contacts:
            if contact.translation_key in phones:
                contact.phone = phones[contact.translation_key]
        draft.contacts = contacts


def _documents(draft, text):
    """One document a line; a line naming a document already there keeps it
    (its note and address)."""
    existing = {doc.name.strip(): doc for doc in draft.required_documents.all()}
    documents = []
    for order, name in enumerate(split_lines(text)):
        document = existing.pop(name, None) or RequiredDocument(
            name=name, locale_id=draft.locale_id
        )
        document.sort_order = order
        documents.append(document)
    return documents


def _steps(draft, text):
    """One step a line; a line naming a step already there keeps its details."""
    existing = {
        block.value["title"].strip(): block.value["detail"]
        for block in draft.application_steps
    }
    return [
        ("step", {"title": title, "detail": existing.get(title) or RichText("")})
        for title in split_lines(text)
    ]


@transaction.atomic
def submit_changes(review, changes, note="", today=None):
    """The partner's changes as a draft revision of the Greek page (from its
    latest revision, also stamped as checked by the organisation), saved
    without publishing and submitted to the page's workflow so that it waits
    under the Moderators' "Awaiting your review"; the Moderators are mailed
    a link to the diff after the commit. Returns the revision."""
    today = today or timezone.localdate()
    _answer(review, ReviewRequest.Outcome.CHANGED, partner_note=note)
    service = ServicePage.objects.get(pk=review.service_id)
    draft = service.get_latest_revision_as_object()
    apply_changes(draft, changes)
    draft.last_reviewed = today
    draft.reviewed_by = CHECKED_BY_ORGANISATION
    revision = draft.save_revision(user=None, log_action=True)
    workflow = draft.get_workflow()
    # A draft already in the workflow stays there: the Moderators approve
    # the latest revision, which is now this one.
    if workflow is not None and not draft.workflow_in_progress:
        workflow.start(draft, None)
    ReviewRequest.objects.filter(pk=review.pk).update(revision=revision)
    review.revision = revision
    transaction.on_commit(partial(send_review_changes.enqueue, review.pk))
    return revision
