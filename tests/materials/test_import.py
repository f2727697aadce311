"""Importing materials, handouts and campaign activities through the one import page:
check, preview with per-line errors, then all or nothing; stock never below zero."""

import pytest

from clubs.models import ImportJob
from outreach.materials.models import Distribution, Material, StockReceipt
from tests.clubs.test_import import upload, xlsx

pytestmark = pytest.mark.django_db


CLUB = "CLB Phòng, chống mua bán người phường Cao Xanh"


def _confirm(client, job):
    response = client.post(f"/admin/clubs/import/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_materials_with_the_copies_received(client, login, demo):
    login("coordinator")
    job, page = upload(
        client,
        "materials",
        xlsx(
            ["Loại", "Tên tài liệu", "Ngôn ngữ", "Số lượng nhận", "Ngày nhận"],
            [
                ["tờ rơi", "Tờ rơi tiếng Trung", "tiếng Trung", 2000, "05/03/2025"],
                ["áp phích", "Áp phích 111", "", "", ""],
                [
                    "sổ tay hỏi đáp pháp luật",
                    "Sổ tay hỏi đáp pháp luật về phòng, chống mua bán người",
                    "",
                    "",
                    "",
                ],
            ],
        ),
    )
    assert job.status == ImportJob.Status.CHECKED, job.report
    assert job.report["new"] == 2 and job.report["skipped"] == 1
    assert not Material.objects.filter(title="Tờ rơi tiếng Trung").exists()
    assert _confirm(client, job).status == ImportJob.Status.DONE
    leaflet = Material.objects.get(title="Tờ rơi tiếng Trung")
    assert (leaflet.kind, leaflet.language, leaflet.stock) == ("leaflet", "zh", 2000)
    assert StockReceipt.objects.filter(material=leaflet, quantity=2000).exists()


def test_handouts_beyond_the_stock_are_refused_line_by_line_and_nothing_is_imported(
    client, login, demo
):
    law = Material.objects.get(kind="law_book")
    stock, count = law.stock, Distribution.objects.count()
    login("leader-cao-xanh")
    headings = ["Câu lạc bộ", "Tài liệu", "Số lượng", "Ngày phát", "Hình thức"]
    job, page = upload(
        client,
        "handouts",
        xlsx(
            headings,
            [
                [CLUB, law.title, stock - 1, "02/03/2025", "buổi sinh hoạt CLB"],
                [CLUB, law.title, 2, "03/03/2025", "trường học"],
                [
                    "CLB Phòng, chống mua bán người phường Hùng Thắng",
                    law.title,
                    1,
                    "03/03/2025",
                    "",
                ],
                [CLUB, "Không có tài liệu này", 1, "03/03/2025", ""],
            ],
        ),
    )
    assert job.status == ImportJob.Status.FAILED
    lines = {(error["line"], error["column"]) for error in job.report["errors"]}
    assert (3, "Số lượng") in lines  # only 1 copy left for line 3
    assert (4, "Câu lạc bộ") in lines  # not the leader's club
    assert (5, "Tài liệu") in lines
    assert "Chỉ còn 1 bản" in page
    assert Distribution.objects.count() == count
    assert Material.objects.get(pk=law.pk).stock == stock
    job, page = upload(
        client,
        "handouts",
        xlsx(headings, [[CLUB, law.title, stock, "02/03/2025", "trường học"]]),
    )
    assert job.status == ImportJob.Status.CHECKED
    assert _confirm(client, job).status == ImportJob.Status.DONE
    assert Material.objects.get(pk=law.pk).stock == 0
    assert Distribution.objects.filter(material=law, club__name=CLUB, quantity=stock).exists()


def test_who_may_import_what(client, login, demo):
    login("communicator")
    assert client.get("/admin/clubs/import/").status_code in (302, 403)
    login("campaigns")
    kinds = client.get("/admin/clubs/import/").context["kinds"]
    assert set(kinds) == {"handouts", "activities"}
    login("leader-cao-xanh")
    kinds = client.get("/admin/clubs/import/").context["kinds"]
    assert set(kinds) == {"members", "meetings", "handouts"}
