"""Which outside addresses the public pages show, and where each is edited:
what the weekly link check (core.links, ``manage.py check_external_links``)
asks. Here because it reads every app's records (portal is the top layer).

The sources: a service's website and online application and its required
documents' addresses, an organisation's website, a place's web address, an
event's online and registration links, a campaign's call to action, and every
outside address in the rich text and StreamField blocks of the live pages.
Only what visitors see: live pages, and the places and organisations.
"""

import html
import json
import re

from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.links import LinkUse
from directory.models import Location, Organisation, RequiredDocument, ServicePage
from events.models import EventPage
from portal.models import CampaignPage

# An outside address in stored rich text (href="…") or in a block's JSON
# ("url": "…"): it ends at a quote, a space, an angle bracket or a backslash
# (an escaped quote in JSON).
ADDRESS = re.compile(r"https?://[^\s\"'<>\\]+")

PAGE_FIELDS = [
    (ServicePage, ("website", "application_url")),
    (EventPage, ("online_url", "registration_url")),
    (CampaignPage, ("call_to_action_url",)),
]
SNIPPET_FIELDS = [(Organisation, ("website",)), (Location, ("url",))]


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def record(title, locale):
    return f"{title} ({locale.language_code})"


def page_edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=(page_id,))


def field_uses(page_fields=PAGE_FIELDS, snippet_fields=SNIPPET_FIELDS):
    for model, names in page_fields:
        for page in model.objects.live().select_related("locale"):
            for name in names:
                if url := getattr(page, name):
                    yield LinkUse(
                        url,
                        record(page.title, page.locale),
                        label(model, name),
                        page_edit_url(page.pk),
                    )
    finder = AdminURLFinder()
    for model, names in snippet_fields:
        for item in model.objects.select_related("locale"):
            for name in names:
                if url := getattr(item, name):
                    yield LinkUse(
                        url,
                        record(str(item), item.locale),
                        label(model, name),
                        finder.get_edit_url(item) or "",
                    )


def document_uses():
    documents = RequiredDocument.objects.filter(service__live=True).exclude(url="")
    for document in documents.select_related("service", "locale"):
        yield LinkUse(
            document.url,
            record(f"{document.service.title}: {document.name}", document.locale),
            label(RequiredDocument, "url"),
            page_edit_url(document.service_id),
        )


def text_uses():
    """The outside addresses in the rich text and blocks of every live page."""
    for page in Page.objects.live().specific().select_related("locale"):
        for field in page._meta.get_fields():
            if not isinstance(field, RichTextField | StreamField):
                continue
            # Both give the stored text: rich text's HTML, a stream's JSON.
            text = field.value_to_string(page) or ""
            if isinstance(field, StreamField) and text:
                # Unescaped, so that an address with Greek letters stays whole.
                text = json.dumps(json.loads(text), ensure_ascii=False)
            for url in sorted(set(ADDRESS.findall(text))):
                yield LinkUse(
                    html.unescape(url),
                    record(page.title, page.locale),
                    str(field.verbose_name),
                    page_edit_url(page.pk),
                )


def external_link_uses():
    """Every (address, record) pair a visitor can see, as ``LinkUse`` rows."""
    yield from field_uses()
    yield from document_uses()
    yield from text_uses()
