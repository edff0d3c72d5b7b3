"""The pages that describe volunteering: the index with the sign-up, and
the opportunities."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import privacy
from core.blocks import BaseStreamBlock
from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from volunteers import views


class VolunteerIndexPage(
    PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page
):
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
            .filter(privacy.public_q())
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

    # Each route hands over to volunteers.views, where the work is done.
    @path("eggrafi/", name="signup")
    def signup(self, request):
        return views.signup_form(request, self)

    @path("efcharistoume/", name="thank_you")
    def thank_you(self, request):
        return views.thank_you(request, self)

    @path("epivevaiosi/<str:token>/", name="confirm")
    def confirm(self, request, token):
        return views.confirm(request, self, token)

    @path("apoxorisi/", name="withdraw_request")
    def withdraw_request(self, request):
        return views.withdraw_request(request, self)

    @path("apoxorisi/<str:token>/", name="withdraw")
    def withdraw(self, request, token):
        return views.withdraw(request, self, token)


class VolunteerOpportunityPage(PrivacyCheckedPageMixin, PageMetadataMixin, Page):
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
