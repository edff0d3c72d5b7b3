"""One volunteer per e-mail address: addresses take their one form
(core.forms.normalise_email: IDNA domain, lower case), and volunteers whose
addresses were one address in two spellings (``eleni@παράδειγμα.ελ`` and
``eleni@xn--hxajbheg2az3al.xn--qxam``) become one.

Safe merging: the oldest confirmed record is kept (the oldest of all when
none is confirmed); skills, availability, languages and interests are joined;
a phone or a municipality the kept record lacks is taken from the other; the
others are deleted. The coordinators read what was merged in the kept
volunteer's notes ("Συγχωνεύτηκε ..."), which they see on the volunteer's
page and in the export. Nothing is merged across different addresses.
"""

from django.db import migrations
from django.utils import timezone

from core.forms import normalise_email
from core.staff_values import moment_text

STATUS_LABELS = {
    "unconfirmed": "Αναμένει επιβεβαίωση",
    "new": "Νέος",
    "active": "Ενεργός",
    "inactive": "Ανενεργός",
}


def _join(first, second):
    return first + [item for item in second if item not in first]


def merge_duplicates(apps, schema_editor):
    Volunteer = apps.get_model("volunteers", "Volunteer")
    groups = {}
    for volunteer in Volunteer.objects.order_by("created_at", "pk"):
        groups.setdefault(normalise_email(volunteer.email), []).append(volunteer)
    today = timezone.localdate().strftime("%d/%m/%Y")
    for email, volunteers in groups.items():
        confirmed = [v for v in volunteers if v.status != "unconfirmed"]
        kept = (confirmed or volunteers)[0]
        others = [v for v in volunteers if v.pk != kept.pk]
        lines = []
        for other in others:
            if other.status == "unconfirmed" and kept.status != "unconfirmed":
                # A sign-up never confirmed: nothing to keep from it.
                other.delete()
                continue
            kept.skills = _join(list(kept.skills), list(other.skills))
            kept.availability = _join(list(kept.availability), list(other.availability))
            kept.phone = kept.phone or other.phone
            kept.municipality_id = kept.municipality_id or other.municipality_id
            kept.may_contact_about_future = (
                kept.may_contact_about_future or other.may_contact_about_future
            )
            kept.languages.add(*other.languages.all())
            kept.interests.add(*other.interests.all())
            line = (
                f"Συγχωνεύτηκε στις {today}: δεύτερη εγγραφή με την ίδια "
                f"διεύθυνση ({other.email}), εγγραφή {moment_text(other.created_at)}, "
                f"κατάσταση «{STATUS_LABELS.get(other.status, other.status)}»"
            )
            if other.name != kept.name:
                line += f", όνομα «{other.name}»"
            if other.notes:
                line += f", σημειώσεις: {other.notes}"
            lines.append(line + ".")
            other.delete()
        if lines:
            kept.notes = "\n".join([kept.notes, *lines]).strip()
        kept.email = email
        kept.save()


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0005_audit_log_labels_without_names")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
