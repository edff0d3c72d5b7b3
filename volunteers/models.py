"""Volunteering: the pages that describe it and the volunteers who sign up."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.mixins import PageMetadataMixin


class Skill(models.TextChoices):
    FOOD = "food", _("Sorting and distributing goods")
    TUTORING = "tutoring", _("Tutoring children")
    CARE = "care", _("Keeping older people company")
    EVENTS = "events", _("Helping at events")
    DIGITAL = "digital", _("Computers and mobile phones")
    DRIVING = "driving", _("Driving (with a licence)")
    INTERPRETING = "interpreting", _("Interpreting")
    ADMIN = "admin", _("Office work")
    FIRST_AID = "first_aid", _("First aid")
    CRAFTS = "crafts", _("Repairs and crafts")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "morning", pgettext_lazy("part of the day", "Morning")
    AFTERNOON = "afternoon", pgettext_lazy("part of the day", "Afternoon")
    EVENING = "evening", pgettext_lazy("part of the day", "Evening")


def availability_choices():
    """Every weekday × part of the day, coded "mon-morning"."""
    return [
        (f"{day.value}-{part.value}", f"{day.label} {str(part.label).lower()}")
        for day in Weekday
        for part in DayPart
    ]


class VolunteerIndexPage(RoutablePageMixin, PageMetadataMixin, Page):
    """What volunteering here means, the open opportunities, the sign-up."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    signup_heading = models.CharField(
        _("sign-up heading"), max_length=120, default="Γίνετε εθελοντής"
    )
    signup_intro = models.TextField(
        _("sign-up introduction"),
        blank=True,
        max_length=500,
        help_text=_("Shown above the sign-up form and beside the sign-up link."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("signup_heading"), FieldPanel("signup_intro")],
            heading=_("Sign-up"),
        ),
    ]
    search_kind = _("Volunteering")
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["volunteers.VolunteerOpportunityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("volunteering page")
        verbose_name_plural = _("volunteering pages")

    def __str__(self):
        return self.title

    def opportunities(self):
        return (
            VolunteerOpportunityPage.objects.child_of(self)
            .live()
            .public()
            .order_by("path")
        )

    def route_urls(self):
        return {
            "signup_url": self.route_url("signup"),
            "withdraw_request_url": self.route_url("withdraw_request"),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["opportunities"] = self.opportunities()
        context.update(self.route_urls())
        return context

    def route_url(self, name, *args, **kwargs):
        return self.url + self.reverse_subpage(name, args=args, kwargs=kwargs)

    # The routes only hand over to volunteers.views, where the work is done.
    @path("eggrafi/", name="signup")
    def signup(self, request):
        from volunteers import views

        return views.signup(request, self)

    @path("efcharistoume/", name="thank_you")
    def thank_you(self, request):
        from volunteers import views

        return views.thank_you(request, self)

    @path("epivevaiosi/<str:token>/", name="confirm")
    def confirm(self, request, token):
        from volunteers import views

        return views.confirm(request, self, token)

    @path("apoxorisi/", name="withdraw_request")
    def withdraw_request(self, request):
        from volunteers import views

        return views.withdraw_request(request, self)

    @path("apoxorisi/<str:token>/", name="withdraw")
    def withdraw(self, request, token):
        from volunteers import views

        return views.withdraw(request, self, token)


class VolunteerOpportunityPage(PageMetadataMixin, Page):
    """A role volunteers can take on: what it involves, when and where."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("The role in one or two sentences, shown in lists."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("what you will do"),
        blank=True,
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=200,
        blank=True,
        help_text=_('For example "Two hours a week, for at least three months".'),
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    where = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        help_text=_("When there is no location in the directory, or to add detail."),
    )
    skills_that_help = models.TextField(_("skills that help"), blank=True)
    is_ongoing = models.BooleanField(_("ongoing"), default=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("time_commitment"),
                FieldPanel("is_ongoing"),
                FieldPanel("starts_on"),
                FieldPanel("ends_on"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("where")], heading=_("Where")
        ),
        FieldPanel("skills_that_help"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("skills_that_help"),
    ]
    metadata_description_fields = ("summary",)

    parent_page_types = ["volunteers.VolunteerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific
        context["index_page"] = index_page
        context["signup_url"] = (
            f"{index_page.route_url('signup')}?opportunity={self.pk}"
        )
        return context


class Volunteer(models.Model):
    """A person who signed up, or a sign-up waiting for its e-mail confirmation.

    Unconfirmed rows are pending submissions: several may share an e-mail
    address, and none of them changes a confirmed volunteer's data until it is
    confirmed from that mailbox. Confirmed rows are one per address.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        NEW = "new", _("New")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    public_id = models.UUIDField(
        _("public identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    municipality = models.ForeignKey(
        "directory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.ManyToManyField(
        "directory.Language",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
    )
    availability = models.JSONField(
        _("availability"),
        default=list,
        blank=True,
        help_text=_('Weekday and part of the day, e.g. "mon-morning".'),
    )
    interests = models.ManyToManyField(
        VolunteerOpportunityPage,
        verbose_name=_("interested in"),
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    is_adult = models.BooleanField(_("18 or over"), default=False)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20
    )
    consented_at = models.DateTimeField(_("consented at"))
    may_contact_about_future = models.BooleanField(
        _("may be contacted about future opportunities"), default=False
    )
    language = models.CharField(
        _("language of the sign-up"), max_length=8, default="el"
    )
    notes = models.TextField(_("coordinators' notes"), blank=True)
    email_error = models.TextField(
        _("last e-mail failure"),
        blank=True,
        help_text=_("Filled in when an e-mail to or about this person failed."),
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~models.Q(status="unconfirmed"),
                name="unique_confirmed_volunteer_email",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_confirmed(self):
        return self.status != self.Status.UNCONFIRMED

    def skills_text(self):
        labels = dict(Skill.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.skills)

    skills_text.short_description = _("skills")

    def availability_text(self):
        labels = dict(availability_choices())
        return ", ".join(str(labels.get(code, code)) for code in self.availability)

    availability_text.short_description = _("availability")

    def languages_text(self):
        return ", ".join(language.name for language in self.languages.all())

    languages_text.short_description = _("languages")

    def interests_text(self):
        return ", ".join(page.title for page in self.interests.all())

    interests_text.short_description = _("interested in")


class VolunteerWithdrawal(models.Model):
    """That somebody withdrew, and when: no personal data is kept."""

    withdrawn_on = models.DateField(_("withdrawn on"))

    class Meta:
        verbose_name = _("volunteer withdrawal")
        verbose_name_plural = _("volunteer withdrawals")
        ordering = ["-withdrawn_on"]

    def __str__(self):
        return str(self.withdrawn_on)
