"""How long each kind of personal data is kept, and erasing it everywhere
Wagtail copied it.

Each app registers a :class:`Rule` for each kind of personal data it keeps
(in its ``AppConfig.ready``); ``manage.py purge_personal_data``, run daily,
applies every rule. The README's "Security" section and the privacy notice
list the same periods.

Wagtail keeps its own copies of what an admin action was about: each entry
of the audit log (Reports → Site history, an object's History) has a label,
``str(obj)`` at the time, and data; a model with revisions keeps every saved
version. :func:`scrub_audit_log` rewrites the labels and empties the data and
revisions of the objects erased, so that the action stays on record (who did
what, when) and the person does not.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

__all__ = ["Rule", "purge_all", "register", "rules", "scrub_audit_log"]


@dataclass(frozen=True)
class Rule:
    """One kind of personal data and how long it is kept.

    ``days()`` reads the period (a setting); ``purge(now, dry_run)`` erases
    what is older and returns how many records it erased (or would).
    """

    name: str
    label: Any  # what is kept, translatable
    days: Any
    purge: Any


_rules = {}


def register(rule):
    _rules[rule.name] = rule
    return rule


def rules():
    return sorted(_rules.values(), key=lambda rule: rule.name)


def purge_all(now=None, dry_run=False, only=None):
    """Apply every rule (or those named in ``only``); [(rule, count)]."""
    now = now or timezone.now()
    return [
        (rule, rule.purge(now=now, dry_run=dry_run))
        for rule in rules()
        if only is None or rule.name in only
    ]


def scrub_audit_log(model, labels):
    """Erase what Wagtail's audit log and revisions hold of objects of
    ``model``: ``labels`` maps each object's pk to the label its log entries
    keep (a reference, never a name)."""
    if not labels:
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    for pk, label in labels.items():
        ModelLogEntry.objects.filter(
            content_type=content_type, object_id=str(pk)
        ).update(label=label, data={})
    Revision.objects.filter(
        Q(content_type=content_type) | Q(base_content_type=content_type),
        object_id__in=[str(pk) for pk in labels],
    ).delete()
