"""A donor's promise to bring goods to a drop-off point on a day. Staff
only; the donor's name and contacts are erased after the retention period
(goods.retention)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from goods.models.needs import GoodsCategory


class Pledge(models.Model):
    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        RECEIVED = "received", _("Received")
        NOT_RECEIVED = "not_received", _("Did not arrive")

    category = models.CharField(
        _("category"), max_length=20, choices=GoodsCategory.choices
    )
    what = models.CharField(_("what"), max_length=200)
    amount = models.CharField(_("roughly how much"), max_length=100, blank=True)
    bring_on = models.DateField(_("day of drop-off"))
    drop_off_location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("drop-off point"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLEDGED
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    staff_note = models.TextField(_("staff note"), blank=True, max_length=1000)
    email_error = models.TextField(_("e-mail problem"), blank=True)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=40
    )
    consented_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("donation pledge")
        verbose_name_plural = _("donation pledges")
        ordering = ["-bring_on", "-created_at"]
        indexes = [models.Index(fields=["bring_on"])]

    def __str__(self):
        # Never the donor's name: Wagtail's audit log keeps this label.
        return f"{self.get_category_display()}: {self.what} ({self.bring_on:%d/%m/%Y})"
