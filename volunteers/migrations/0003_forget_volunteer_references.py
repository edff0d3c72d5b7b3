"""Volunteers were in Wagtail's reference index, so an opportunity page's
"usage" listed who had signed up for it; forget those rows."""

from django.db import migrations


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for model in ("volunteer", "volunteerwithdrawal"):
        content_type = ContentType.objects.filter(
            app_label="volunteers", model=model
        ).first()
        if content_type is not None:
            ReferenceIndex.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0002_coordinator_permissions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
