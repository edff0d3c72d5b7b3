"""The StreamField blocks every Kentro app reuses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Ποιοι μπορούν να κάνουν αίτηση", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image that always carries a text alternative for screen readers."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class LinkTargetBlock(blocks.StructBlock):
    """A link to a page of the site or to an outside address, exactly one."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Outside address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address, not both.")
            raise StructBlockValidationError(
                {"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link = LinkTargetBlock(label=_("Link"))
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=200)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open in place (details/summary, no JavaScript)."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "blocks/accordion_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role or service"), required=False, max_length=120)
    address = blocks.TextBlock(label=_("Address"), required=False, max_length=300)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    hours = blocks.TextBlock(label=_("Opening hours"), required=False, max_length=300)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact_card_block.html"
        preview_value = {
            "name": "Κέντρο Κοινότητας Δήμου Καλαμάτας",
            "role": "Υποδοχή και ενημέρωση",
            "phone": "27210 00000",
            "hours": "Δευτέρα – Παρασκευή, 08:00 – 15:00",
        }


class CaptionedTableBlock(TableBlock):
    """A table whose caption says what it shows; screen readers read it first."""

    def clean(self, value):
        value = super().clean(value)
        if not (value or {}).get("table_caption", "").strip():
            raise ValidationError(
                _("Give the table a caption that says what it shows.")
            )
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    document = DocumentBlock()
    contact_card = ContactCardBlock()
    table = CaptionedTableBlock(
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False}
    )
