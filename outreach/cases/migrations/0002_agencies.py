"""The receiving agencies every ward can refer to (editable afterwards in the admin).

Carried over by hand from the data migration of the single outreach app (before it was split
into its apps), so a fresh database gets the same agencies.
"""

from django.db import migrations

from config.text import fold_vi

AGENCIES = [
    ("Tổng đài 111 (bảo vệ trẻ em)", "hotline", "111"),
    ("Đường dây nóng phòng, chống mua bán người 18001769", "hotline", "18001769"),
    ("UBND phường", "ward_committee", ""),
    ("Công an phường", "police", "113"),
    ("Bộ đội Biên phòng tỉnh Quảng Ninh", "border_guard", ""),
    ("Sở Y tế tỉnh Quảng Ninh (lĩnh vực xã hội)", "social_affairs", ""),
    ("Trung tâm Y tế", "health", ""),
    ("Ngôi nhà Ánh Dương tỉnh Quảng Ninh", "sunshine_house", ""),
    ("Cơ sở bảo trợ xã hội tỉnh", "shelter", ""),
    ("Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "legal_aid", ""),
    ("Trung tâm Dịch vụ việc làm tỉnh", "vocational", ""),
]


def add_agencies(apps, schema_editor):
    Agency = apps.get_model("cases", "Agency")
    for name, kind, phone in AGENCIES:
        Agency.objects.get_or_create(
            name=name, defaults={"kind": kind, "phone": phone, "name_folded": fold_vi(name)}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_agencies, migrations.RunPython.noop)]
