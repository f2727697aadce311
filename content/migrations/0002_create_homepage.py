"""Replace Wagtail's placeholder page with the SafeWard home page, in Vietnamese."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("content.HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="content")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Phòng, chống mua bán người",
        draft_title="Phòng, chống mua bán người",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "SafeWard"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("content.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
