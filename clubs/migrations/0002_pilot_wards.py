"""Ship the pinned reference units (the pilot wards before and after 1 July 2025)."""

from django.db import migrations


def load(apps, schema_editor):
    from clubs.wards import load_reference

    load_reference(
        Ward=apps.get_model("clubs", "Ward"),
        WardSuccession=apps.get_model("clubs", "WardSuccession"),
    )


class Migration(migrations.Migration):
    dependencies = [("clubs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
