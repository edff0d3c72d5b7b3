"""The audit log's labels of appointment requests carried the person's name
("KK-69N5-3MPD Νίκος Παράδειγμα"): from now on the reference alone, as
AppointmentRequest.__str__ gives it."""

from django.db import migrations


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    content_type = ContentType.objects.filter(
        app_label="appointments", model="appointmentrequest"
    ).first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    references = dict(
        AppointmentRequest.objects.filter(
            pk__in=[
                int(pk)
                for pk in entries.values_list("object_id", flat=True).distinct()
                if pk.isdigit()
            ]
        ).values_list("pk", "reference")
    )
    for entry in entries.only("pk", "object_id", "label").iterator():
        label = references.get(int(entry.object_id) if entry.object_id.isdigit() else None)
        label = label or entry.label.split(" ", 1)[0]
        ModelLogEntry.objects.filter(pk=entry.pk).update(label=label)


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0003_weekday_numbers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0089_log_entry_data_json_null_to_object"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
