"""The moderation workflow and its task are named in Greek (#18).

Greek staff read their names on every page they submit ("Submit to ...",
"Awaiting approval in ...", the page's status, the dashboard's "Awaiting your
review"). They are data, shown as they are stored, like a page's title; no
code looks them up by name. The groups keep their names, which the code and
the settings use as keys; core.staff.roles shows them translated.
"""

from django.db import migrations

NAMES = {
    "Moderators approval": "Έγκριση από τους Επιμελητές",
}


def rename(apps, names):
    for model in ("Workflow", "Task"):
        Model = apps.get_model("wagtailcore", model)
        for old, new in names.items():
            Model.objects.filter(name=old).update(name=new)


def to_greek(apps, schema_editor):
    rename(apps, NAMES)


def to_english(apps, schema_editor):
    rename(apps, {new: old for old, new in NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0009_models_moved_to_core_and_search"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_greek, to_english)]
