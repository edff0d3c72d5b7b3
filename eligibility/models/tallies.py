from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from eligibility.engine import Outcome


class MonthlyTallyQuerySet(models.QuerySet):
    def record(self, day, results):
        """Add one check, and each programme found likely or possible, to the
        month's counts. Two queries unless a count is new this month."""
        month = day.replace(day=1)
        keys = {(None, MonthlyTally.Outcome.CHECKS)}
        for rule_id, outcome in results:
            if outcome in (Outcome.MET, Outcome.DEPENDS):
                keys.add((rule_id, str(outcome)))
        existing = set(
            self.filter(month=month)
            .filter(self._matching(keys))
            .values_list("rule_id", "outcome")
        )
        if existing:
            self.filter(month=month).filter(self._matching(existing)).update(
                count=F("count") + 1
            )
        for rule_id, outcome in keys - existing:
            try:
                with transaction.atomic():
                    self.create(month=month, rule_id=rule_id, outcome=outcome, count=1)
            except IntegrityError:  # another check created it meanwhile
                self.filter(month=month).filter(
                    self._matching({(rule_id, outcome)})
                ).update(count=F("count") + 1)

    @staticmethod
    def _matching(keys):
        condition = Q(pk__in=[])
        for rule_id, outcome in keys:
            if rule_id is None:
                condition |= Q(rule__isnull=True, outcome=outcome)
            else:
                condition |= Q(rule_id=rule_id, outcome=outcome)
        return condition


class MonthlyTally(models.Model):
    """How many checks were made in a month, and how many found each
    programme likely or possible: the only trace a check leaves, with no
    answer, time or address in it."""

    class Outcome(models.TextChoices):
        CHECKS = "checks", _("checks made")
        MET = "met", _("likely")
        DEPENDS = "depends", _("possible")

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rule = models.ForeignKey(
        "eligibility.EligibilityRule",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tallies",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    objects = MonthlyTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        ordering = ["-month", "rule__sort_order", "outcome"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "rule", "outcome"],
                condition=models.Q(rule__isnull=False),
                name="unique_tally_per_programme",
            ),
            models.UniqueConstraint(
                fields=["month", "outcome"],
                condition=models.Q(rule__isnull=True),
                name="unique_tally_of_checks",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.rule or ''} {self.outcome}: {self.count}"

    @property
    def programme(self):
        return str(self.rule) if self.rule_id else _("All checks")
