from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search import analysis

# The tables keep the names of the app the models were first made in (portal):
# moving them to this app changed no data.


class SearchTerm(models.Model):
    """One normalised term of a live page, with how much it says about it.

    The site's own search index: the same rows and the same queries on SQLite
    and PostgreSQL, so that Greek is understood the same way on both.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    # Lookups start from a term or a key (the indexes below); an index on the
    # locale alone would tempt the planner into scanning a whole language.
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    term = models.CharField(max_length=60)
    # The first letters of the term: prefix lookups by equality, which every
    # database answers from an index whatever its collation.
    head = models.CharField(max_length=4)
    key = models.CharField(max_length=60)
    weight = models.FloatField()

    class Meta:
        db_table = "portal_searchterm"
        indexes = [
            models.Index(
                fields=["term", "locale", "page", "weight"], name="searchterm_term"
            ),
            # Each index holds every column a lookup reads, so that a lookup
            # is answered from the index alone (an index-only scan on
            # PostgreSQL, a covering index on SQLite) without visiting the
            # table's rows: thousands of them for a common word.
            models.Index(
                fields=["key", "locale", "page", "weight", "term"],
                name="searchterm_key_term",
            ),
            models.Index(
                fields=["head", "locale", "page", "weight", "term"],
                name="searchterm_head_term",
            ),
        ]

    def __str__(self):
        return self.term


class SearchSynonym(models.Model):
    """Words that mean the same thing to the people who search."""

    phrase = models.CharField(
        _("word or phrase"),
        max_length=120,
        help_text=_("E.g. ΟΑΕΔ, or Κοινωνικό Εισόδημα Αλληλεγγύης."),
    )
    alternatives = models.CharField(
        _("also search for"),
        max_length=400,
        help_text=_("Separate with commas, e.g. ΔΥΠΑ, Υπηρεσία Απασχόλησης."),
    )
    both_ways = models.BooleanField(
        _("both ways"),
        default=True,
        help_text=_(
            "Also search for the phrase when someone types one of the "
            "alternatives (ΚΕΑ ↔ Κοινωνικό Εισόδημα Αλληλεγγύης). Untick for "
            "one way only (ενοίκιο → στέγαση)."
        ),
    )

    panels = [FieldPanel("phrase"), FieldPanel("alternatives"), FieldPanel("both_ways")]

    class Meta:
        db_table = "portal_searchsynonym"
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["phrase"]

    def __str__(self):
        return f"{self.phrase} → {self.alternatives}"

    def alternative_list(self):
        return [part.strip() for part in self.alternatives.split(",") if part.strip()]

    def pairs(self):
        """(phrase, alternatives) as folded word tuples, each way it applies."""
        phrase = tuple(analysis.words(self.phrase))
        others = [tuple(analysis.words(text)) for text in self.alternative_list()]
        others = [words for words in others if words]
        if not phrase or not others:
            return []
        pairs = [(phrase, others)]
        if self.both_ways:
            pairs.extend((other, [phrase]) for other in others)
        return pairs


class UnansweredQuery(models.Model):
    """A query that found nothing, counted, so editors see what is missing."""

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    times = models.PositiveIntegerField(_("times"), default=1)
    last_searched_at = models.DateTimeField(_("last searched"), auto_now=True)

    class Meta:
        db_table = "portal_unansweredquery"
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language"], name="unique_unanswered_query"
            )
        ]

    def __str__(self):
        return self.query
