"""What a partner may change and is the same in every language reaches a
service's translations when its Greek page is published (#25).

wagtail-localize copies a page's synchronised values to its translations only
when someone runs "Sync translated pages", which also brings the new Greek
text to translate. A phone number a Moderator approved on the Greek page
would stay old on the English and Arabic pages until then, and a visitor
reading them would call it.

Here, once a service page in the default language is published, the values
a partner's review may change and no translator translates are copied to
each live translation and published there as a new revision:
:data:`CARRIED_FIELDS` (the application window and address, the website, the
date of the last check and who made it) and each contact's phone, matched by
the contact's translation key. Text (the summary, eligibility, documents,
steps) still waits for the translators, and so do contacts added or removed.

A translation with changes of its own not yet published (a translator's
draft, or one awaiting the Moderators) is left as it is: publishing it would
publish that draft too, past its own review. "Sync translated pages" brings
the values there, as before.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from directory.models.services import ServicePage

logger = logging.getLogger(__name__)

CARRIED_FIELDS = (
    "applications_open",
    "applications_close",
    "application_url",
    "website",
    "last_reviewed",
    "reviewed_by",
)


def carry_to_translations(source):
    """Copy what :data:`CARRIED_FIELDS` and the contacts' phones hold on
    ``source`` (a live service page in the default language) onto each of
    its live translations without unpublished changes, and publish those
    that changed. Returns the translations published."""
    phones = {
        contact.translation_key: contact.phone for contact in source.contacts.all()
    }
    published = []
    translations = (
        ServicePage.objects.live()
        .filter(translation_key=source.translation_key, has_unpublished_changes=False)
        .exclude(locale_id=source.locale_id)
    )
    for translation in translations:
        changed = False
        for name in CARRIED_FIELDS:
            if getattr(translation, name) != getattr(source, name):
                setattr(translation, name, getattr(source, name))
                changed = True
        contacts = list(translation.contacts.all())
        for contact in contacts:
            phone = phones.get(contact.translation_key)
            if phone is not None and contact.phone != phone:
                contact.phone = phone
                changed = True
        if not changed:
            continue
        translation.contacts = contacts
        try:
            translation.save_revision(log_action=True).publish()
        except ValidationError:
            # The translation does not pass its own checks (it was saved
            # before a rule it breaks): the translators' sync will show why.
            logger.warning("Could not carry values to %s", translation.url_path)
            continue
        published.append(translation)
    return published


def carry_after_publish(sender, instance, **kwargs):
    """``page_published`` receiver: once the publishing transaction commits
    (a failure here never undoes an approval), carry the values of a Greek
    service page to its translations."""
    if not isinstance(instance, ServicePage):
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    transaction.on_commit(partial(_carry, instance.pk))


def _carry(page_id):
    source = ServicePage.objects.live().filter(pk=page_id).first()
    if source is not None:
        carry_to_translations(source)
