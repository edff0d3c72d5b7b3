"""The phones of a location or an organisation (HSDS 3.0 ``phone``).

HSDS lets a location and an organisation have several phones, each with its
own id, number, extension, type and description; a partner file's second
phone, an extension or an id must survive an import → export round trip.
A service's phones are its contacts (``ServiceContact``): this is the same
design for the other two owners.
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class PhoneType(models.TextChoices):
    """The phone types of the HSDS 3.0 schema (``phone.type``)."""

    TEXT = "text", _("Text messages")
    VOICE = "voice", _("Voice calls")
    FAX = "fax", _("Fax")
    CELL = "cell", _("Mobile phone")
    VIDEO = "video", _("Video calls")
    PAGER = "pager", _("Pager")
    TEXTPHONE = "textphone", _("Textphone (for deaf people)")


class Phone(Orderable):
    """One phone line; the first one of its owner is the one pages show."""

    number = models.CharField(_("phone number"), max_length=100)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    # Empty: the file did not say (HSDS makes the type optional).
    type = models.CharField(
        _("type"), max_length=20, choices=PhoneType.choices, blank=True
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("E.g. when it is answered, or who answers it."),
    )
    #: The HSDS id of the phone, kept from an imported file (else derived).
    hsds_id = models.UUIDField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel(
            [FieldPanel("number"), FieldPanel("extension"), FieldPanel("type")]
        ),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        if self.extension is None:
            return self.number
        return _("%(number)s, ext. %(extension)s") % {
            "number": self.number,
            "extension": self.extension,
        }

    @property
    def tel(self):
        """What a ``tel:`` link dials: the digits, and the extension after a
        pause (a comma), which phones dial once the call is answered."""
        digits = self.number.replace(" ", "")
        return digits if self.extension is None else f"{digits},{self.extension}"


def first_of(owner):
    """The first phone of a location or an organisation, else None; reads
    a prefetched ``phones`` without a query."""
    phones = list(owner.phones.all())
    return phones[0] if phones else None


def first_phone_columns(phone_model, owner):
    """Annotations that give each row of a queryset the first phone of its
    ``owner`` (a path to a location or an organisation, e.g. ``"location"``)
    as ``first_phone_number`` and ``first_phone_extension``, in the same query:
    a page at its query budget shows the phone without a query of its own
    (see :func:`known_first_phone`)."""
    key = phone_model.owner_field
    first = phone_model.objects.filter(**{key: OuterRef(owner)}).order_by(
        "sort_order", "pk"
    )
    return {
        "first_phone_number": Subquery(first.values("number")[:1]),
        "first_phone_extension": Subquery(first.values("extension")[:1]),
    }


def known_first_phone(owner, phone_model, row):
    """Set ``owner.first_phone`` from a row annotated by
    :func:`first_phone_columns`, so that reading it costs no query."""
    number = row.first_phone_number
    owner.first_phone = (
        phone_model(number=number, extension=row.first_phone_extension)
        if number
        else None
    )
