from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.mixins import PageMetadataMixin, RoutedPageMixin
from core.privacy import PrivacyCheckedPageMixin
from eligibility import rulebook, views
from eligibility.models.tallies import MonthlyTally


class EligibilityCheckPage(
    PrivacyCheckedPageMixin, RoutedPageMixin, PageMetadataMixin, Page
):
    """ "Τι δικαιούμαι;": a few questions, one a page, then the programmes the
    person may qualify for and why. One per language, under the home page."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("What the check does, on the first page."),
    )
    not_covered = RichTextField(
        _("what the check does not cover"),
        features=["bold", "link", "ul"],
        help_text=_("Shown with the results: what the check leaves out."),
    )
    appointment_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("appointment page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where people ask for an appointment about a programme."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("not_covered"),
        PageChooserPanel("appointment_page"),
    ]
    search_kind = _("Eligibility check")
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("eligibility check page")
        verbose_name_plural = _("eligibility check pages")

    def __str__(self):
        return self.title

    def rulebook(self):
        return rulebook.load(self.locale)

    def record_check(self, results):
        """Count the check in this month's anonymous figures."""
        MonthlyTally.objects.record(timezone.localdate(), results)

    # The routes hand over to eligibility.views, where the work is done.
    @path("")
    def start_route(self, request):
        return views.start(request, self)

    @path("erotisi/<slug:slug>/", name="question")
    def question_route(self, request, slug):
        return views.question(request, self, slug)

    @path("oi-apantiseis-sas/", name="answers")
    def answers_route(self, request):
        return views.check_answers(request, self)

    @path("apotelesmata/", name="results")
    def results_route(self, request):
        return views.results(request, self)

    @path("ektyposi/", name="print")
    def print_route(self, request):
        return views.results(request, self, printable=True)

    @path("xekinima-apo-tin-arxi/", name="start_again")
    def start_again_route(self, request):
        return views.start_again(request, self)
