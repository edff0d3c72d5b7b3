"""The rules of the check, kept by editors: one per programme, tied to its
service page, with conditions in JSON Logic, a reason for each outcome and
limits valid from a date.

Rules are written in Greek and translated with wagtail-localize: a
translation gives the words (title, facts, reasons); the numbers (conditions
and limits) are always read from the Greek rule, so a ceiling is entered once.
"""

import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable, RevisionMixin, TranslatableMixin

from eligibility import engine, expressions
from eligibility.variables import DESCRIPTIONS


class ExpressionField(forms.JSONField):
    """JSON Logic in the admin, indented so that editors can read it."""

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class ExpressionModelField(models.JSONField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ExpressionField, **kwargs})


class RuleForm(WagtailAdminModelForm):
    """Checks the conditions against the rule's limits when the rule is
    saved: every name is an answer or a limit, every operator one the rules
    use, every placeholder in a reason known."""

    def clean(self):
        cleaned = super().clean()
        limit_names = self.limit_names()
        conditions = self.formsets.get("conditions")
        if conditions is None:
            return cleaned
        kept = 0
        for form in conditions.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            if not form.cleaned_data:
                continue
            kept += 1
            expression = form.cleaned_data.get("expression")
            for problem in expressions.problems(expression, limit_names):
                form.add_error("expression", problem)
            for name in ("reason_met", "reason_depends", "reason_not_met"):
                for problem in expressions.placeholder_problems(
                    form.cleaned_data.get(name), limit_names
                ):
                    form.add_error(name, problem)
        if not kept:
            raise ValidationError(_("A rule needs at least one condition."))
        return cleaned

    def limit_names(self):
        limits = self.formsets.get("limits")
        if limits is None:
            return set(self.instance.limits.values_list("name", flat=True))
        names = set()
        for form in limits.forms:
            if (
                form.is_valid()
                and form.cleaned_data
                and not form.cleaned_data.get("DELETE")
            ):
                names.add(form.cleaned_data["name"])
        return names


def variables_help():
    lines = "".join(
        f"<li><code>{name}</code>: {text}</li>" for name, text in DESCRIPTIONS.items()
    )
    return (
        "<p>"
        + str(
            _(
                "A condition is a JSON Logic expression (jsonlogic.com). It can "
                "read these answers, and <code>limit.&lt;name&gt;</code> for a "
                "limit of this rule, worked out for the household's size on the "
                "day of the check. Reasons may quote <code>{household}</code> "
                "and <code>{limit.&lt;name&gt;}</code>."
            )
        )
        + f"</p><ul>{lines}</ul>"
    )


class EligibilityRuleQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(active=True, service__live=True)


class EligibilityRule(TranslatableMixin, RevisionMixin, ClusterableModel):
    title = models.CharField(
        _("programme"),
        max_length=150,
        help_text=_("The programme's name as people know it, e.g. Επίδομα Στέγασης."),
    )
    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("service page"),
        on_delete=models.CASCADE,
        related_name="eligibility_rules",
        help_text=_("Where people read about the programme and how to apply."),
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Untick to leave the programme out of the check."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=100,
        help_text=_("Programmes with a lower number are listed first."),
    )
    key_facts = models.TextField(
        _("key facts"),
        blank=True,
        max_length=600,
        help_text=_("One fact a line, e.g. how much and how often it is paid."),
    )
    window_opens = models.DateField(_("applications open"), null=True, blank=True)
    window_closes = models.DateField(_("applications close"), null=True, blank=True)
    window_note = models.CharField(
        _("about the application window"),
        max_length=300,
        blank=True,
        help_text=_('E.g. "Apply at any time; renew every six months."'),
    )
    source = models.TextField(
        _("source"),
        max_length=1000,
        help_text=_(
            "Where the conditions and limits come from (decision, Government "
            "Gazette, announcement), and what could not be confirmed."
        ),
    )
    source_url = models.URLField(_("source address"), blank=True, max_length=500)
    source_checked_on = models.DateField(
        _("source checked on"), default=datetime.date.today
    )

    objects = EligibilityRuleQuerySet.as_manager()

    base_form_class = RuleForm
    panels = [
        FieldPanel("title"),
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        FieldPanel("key_facts"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("window_opens"), FieldPanel("window_closes")]
                ),
                FieldPanel("window_note"),
            ],
            heading=_("Application window"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Each limit is for one adult, with what each other adult "
                        "and each child adds, up to a maximum. To change a "
                        "ceiling from a date, add a row with the same name and "
                        "that date: the check uses it from then on."
                    )
                ),
                InlinePanel("limits", label=_("Limit")),
            ],
            heading=_("Limits"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(content=variables_help()),
                InlinePanel("conditions", label=_("Condition"), min_num=1),
            ],
            heading=_("Conditions (all must be met)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("source_url"),
                FieldPanel("source_checked_on"),
            ],
            heading=_("Source"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def as_engine_rule(self):
        """The rule for the engine, from prefetched conditions and limits."""
        return engine.Rule(
            key=str(self.translation_key),
            conditions=tuple(
                engine.Condition(str(condition.translation_key), condition.expression)
                for condition in self.conditions.all()
            ),
            limits=tuple(limit.as_engine_limit() for limit in self.limits.all()),
        )


class RuleCondition(TranslatableMixin, Orderable):
    rule = ParentalKey(
        EligibilityRule, on_delete=models.CASCADE, related_name="conditions"
    )
    expression = ExpressionModelField(
        _("condition"),
        help_text=_(
            'E.g. {"<=": [{"var": "income"}, {"var": "limit.income"}]}: the '
            "household's income is at most the income limit."
        ),
    )
    reason_met = models.CharField(
        _("reason when met"),
        max_length=300,
        help_text=_(
            "E.g. Your household's income is under the limit of "
            "{limit.income} for {household}."
        ),
    )
    reason_depends = models.CharField(
        _("reason when it depends"),
        max_length=300,
        help_text=_(
            "When the answers are not precise enough, e.g. It depends on your "
            "income: the limit is {limit.income} for {household}."
        ),
    )
    reason_not_met = models.CharField(_("reason when not met"), max_length=300)

    panels = [
        FieldPanel("expression", widget=forms.Textarea(attrs={"rows": 6})),
        FieldPanel("reason_met"),
        FieldPanel("reason_depends"),
        FieldPanel("reason_not_met"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self):
        return expressions.in_words(self.expression)


class RuleLimit(Orderable):
    class Unit(models.TextChoices):
        EUROS = "euros", _("euros")
        NUMBER = "number", _("a number (years, %, people)")

    rule = ParentalKey(EligibilityRule, on_delete=models.CASCADE, related_name="limits")
    name = models.SlugField(
        _("name"),
        max_length=40,
        allow_unicode=False,
        help_text=_('Read in conditions as limit.<name>, e.g. "income".'),
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=Unit.choices, default=Unit.EUROS
    )
    valid_from = models.DateField(_("valid from"))
    base = models.DecimalField(_("for one adult"), max_digits=12, decimal_places=2)
    per_other_adult = models.DecimalField(
        _("each other adult adds"), max_digits=12, decimal_places=2, default=0
    )
    per_child = models.DecimalField(
        _("each child adds"), max_digits=12, decimal_places=2, default=0
    )
    single_parent_extra = models.DecimalField(
        _("a single parent adds"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("Once, when one adult lives with children."),
    )
    maximum = models.DecimalField(
        _("at most"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("unit"), FieldPanel("valid_from")]
        ),
        FieldRowPanel(
            [
                FieldPanel("base"),
                FieldPanel("per_other_adult"),
                FieldPanel("per_child"),
                FieldPanel("single_parent_extra"),
                FieldPanel("maximum"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("limit")
        verbose_name_plural = _("limits")

    def __str__(self):
        return f"{self.name} ({self.valid_from})"

    def as_engine_limit(self):
        return engine.Limit(
            name=self.name,
            valid_from=self.valid_from,
            base=self.base,
            per_other_adult=self.per_other_adult,
            per_child=self.per_child,
            single_parent_extra=self.single_parent_extra,
            maximum=self.maximum,
        )
