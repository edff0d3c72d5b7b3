"""The audit log's labels of volunteers were their names: from now on the
"V-…" label Volunteer.__str__ gives, or "V-(erased)" for volunteers gone."""

from django.db import migrations


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Volunteer = apps.get_model("volunteers", "Volunteer")
    content_type = ContentType.objects.filter(
        app_label="volunteers", model="volunteer"
    ).first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    public_ids = dict(
        Volunteer.objects.filter(
            pk__in=[
                int(pk)
                for pk in entries.values_list("object_id", flat=True).distinct()
                if pk.isdigit()
            ]
        ).values_list("pk", "public_id")
    )
    for entry in entries.only("pk", "object_id").iterator():
        public_id = public_ids.get(
            int(entry.object_id) if entry.object_id.isdigit() else None
        )
        label = f"V-{public_id.hex[:8].upper()}" if public_id else "V-(erased)"
        ModelLogEntry.objects.filter(pk=entry.pk).update(label=label, data={})


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0004_weekday_numbers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0089_log_entry_data_json_null_to_object"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
