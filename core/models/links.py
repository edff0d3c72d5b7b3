from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalLinkQuerySet(models.QuerySet):
    def broken(self):
        """Links whose last check ended in an error or a 4xx/5xx answer (a
        redirect that ends in 200 is not broken: ``status_code`` is the
        answer at the end of the redirects)."""
        return self.filter(models.Q(status_code__gte=400) | ~models.Q(error="")).filter(
            last_checked_at__isnull=False
        )


class ExternalLink(models.Model):
    """One outside address the public pages show, as the weekly link check
    (``manage.py check_external_links``, core.links) last found it.

    ``uses`` lists the records that show it, as written at the last check:
    ``[{"record": "Title (el)", "field": "online application",
    "edit_url": "/admin/pages/12/edit/"}]``; an address no record shows any
    more is deleted at the next check.
    """

    url = models.URLField(_("web address"), max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(
        _("answer code"), null=True, blank=True
    )
    error = models.CharField(_("error"), max_length=300, blank=True)
    first_broken_at = models.DateTimeField(_("broken since"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    uses = models.JSONField(_("used by"), default=list, blank=True)

    objects = ExternalLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("outside link")
        verbose_name_plural = _("outside links")
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_broken(self):
        return bool(self.error) or (self.status_code or 0) >= 400

    @property
    def result(self):
        """What the check found, as an editor reads it: the code or the error."""
        if self.error:
            return self.error
        return str(self.status_code) if self.status_code else ""

    @property
    def records(self):
        """The records that show the address, one a line (for the export)."""
        return "\n".join(f"{use['record']} · {use['field']}" for use in self.uses)
