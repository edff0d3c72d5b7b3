"""Requests' e-mail addresses in their one form (core.forms.normalise_email),
so that the status check and staff searches find them however typed."""

from django.db import migrations

from core.forms import normalise_email


def normalise(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    for request in AppointmentRequest.objects.exclude(email="").only("pk", "email"):
        email = normalise_email(request.email)
        if email != request.email:
            AppointmentRequest.objects.filter(pk=request.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0004_audit_log_labels_without_names")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
