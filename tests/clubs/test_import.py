"""Importing member and meeting sheets through the admin: check, preview, then all or nothing."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from clubs.models import ImportJob, Meeting, Member, Membership

pytestmark = pytest.mark.django_db

MEMBER_HEADINGS = [
    "Câu lạc bộ",
    "Họ và tên",
    "Phân loại",
    "Số điện thoại",
    "Khu phố",
    "Chức vụ",
    "Ngày tham gia",
]


def member_rows(count=15, *, club="CLB Phòng, chống mua bán người phường Cao Xanh", start=0):
    rows = []
    for index in range(start, start + count):
        rows.append(
            [
                club,
                f"Nguye\u0302\u0303n Thị Nhập {index}",  # decomposed, as some keyboards type it
                "tình nguyện viên" if index % 3 else "Cộng tác viên công tác xã hội",
                f"0966{index:06d}",
                "Khu phố 2",
                "thành viên",
                f"{(index % 28) + 1:02d}/03/2024",
            ]
        )
    return rows


def xlsx(headings, rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())


def upload(client, kind, file):
    response = client.post("/admin/clubs/import/", {"kind": kind, "file": file})
    assert response.status_code == 302, response.content.decode()[-3000:]
    job = ImportJob.objects.latest("pk")
    return job, client.get(response["Location"]).content.decode()


def confirm(client, job):
    response = client.post(f"/admin/clubs/import/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job, client.get(response["Location"]).content.decode()


def errors_table(page) -> list[tuple[str, str, str]]:
    table = page.split("data-import-errors", 1)[1].split("</table>")[0]
    cells = re.findall(r"<td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", table)
    return [tuple(cell.strip() for cell in row) for row in cells]


def test_a_bad_date_on_line_7_and_an_unknown_club_on_line_12_import_nothing(client, login, demo):
    login("coordinator")
    rows = member_rows()
    rows[5][6] = "31/02/2024"  # line 7: the heading is line 1
    rows[10][0] = "CLB phường Không Có"  # line 12
    before = Member.objects.count()
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, rows))
    assert job.status == ImportJob.Status.FAILED
    problems = errors_table(page)
    assert [(line, column) for line, column, _ in problems] == [
        ("7", "Ngày tham gia"),
        ("12", "Câu lạc bộ"),
    ]
    assert "dd/mm/yyyy" in problems[0][2]
    assert "Không có câu lạc bộ “CLB phường Không Có”" in problems[1][2]
    assert "Chưa nhập gì: có 2 lỗi cần sửa trong bảng tính." in page
    assert "Nhập ngay" not in page
    assert Member.objects.count() == before
    # Confirming a failed check does nothing either.
    client.post(f"/admin/clubs/import/{job.pk}/confirm/")
    assert Member.objects.count() == before


def test_the_corrected_sheet_imports_every_row_and_again_doubles_nothing(client, login, cao_xanh):
    login("coordinator")
    before = Member.objects.count()
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, member_rows()))
    assert job.status == ImportJob.Status.CHECKED
    assert "Bảng tính hợp lệ: sẽ nhập 15 bản ghi mới." in page
    assert Member.objects.count() == before  # the check imported nothing
    job, page = confirm(client, job)
    assert job.status == ImportJob.Status.DONE
    assert "Đã nhập: 15 bản ghi mới." in page
    assert Member.objects.count() == before + 15
    imported = Member.objects.get(phone="0966000004")
    assert imported.full_name == "Nguyễn Thị Nhập 4"  # stored composed (NFC)
    assert imported.club == cao_xanh
    assert imported.category == "volunteer"
    membership = imported.memberships.get()
    assert (membership.board_role, membership.joined_on) == ("member", datetime.date(2024, 3, 5))

    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, member_rows()))
    assert "sẽ nhập 0 bản ghi mới" in page
    assert "15 dòng trùng với dữ liệu đã có và sẽ được bỏ qua." in page
    job, page = confirm(client, job)
    assert Member.objects.count() == before + 15
    assert Membership.objects.filter(member__full_name__startswith="Nguyễn Thị Nhập").count() == 15


def test_a_line_repeating_an_earlier_line_is_reported_not_doubled(client, login, cao_xanh):
    login("coordinator")
    rows = member_rows(3)
    rows.append(list(rows[0]))
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, rows))
    assert "Trùng với dòng 2; bỏ qua." in page
    job, _ = confirm(client, job)
    assert Member.objects.filter(phone="0966000000").count() == 1


def test_a_leader_can_import_only_into_the_own_club(client, login, cao_xanh):
    login("leader-cao-xanh")
    rows = member_rows(2) + member_rows(
        1, club="CLB Phòng, chống mua bán người phường Hùng Thắng", start=50
    )
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, rows))
    assert [line for line, _, _ in errors_table(page)] == ["4"]
    assert job.status == ImportJob.Status.FAILED


def test_clubs_can_be_named_by_their_ward_and_headings_written_any_way(client, login, cao_xanh):
    login("coordinator")
    headings = ["CLB", "HO VA TEN", "phan loai", "SĐT", "to dan", "chuc vu", "ngay tham gia"]
    rows = member_rows(2, club="cao xanh")
    rows[0][3] = 966123456.0  # Excel dropped the leading zero and made it a number
    job, page = upload(client, "members", xlsx(headings, rows))
    assert job.status == ImportJob.Status.CHECKED, page
    confirm(client, job)
    assert Member.objects.filter(club=cao_xanh, phone="0966123456").exists()


def test_csv_in_utf8_imports_meetings_and_skips_a_day_already_logged(client, login, cao_xanh):
    login("leader-cao-xanh")
    taken = cao_xanh.meetings.order_by("held_on").first().held_on
    text = (
        "Câu lạc bộ,Ngày,Loại,Nội dung,Địa điểm,Khách mời\n"
        "Cao Xanh,03/05/2022,truyền thông cộng đồng,Tuyên truyền tại chợ,Chợ Cao Xanh,40\n"
        f"Cao Xanh,{taken:%d/%m/%Y},sinh hoạt định kỳ hằng tháng,Trùng ngày,,\n"
    )
    file = SimpleUploadedFile("buoi.csv", text.encode("utf-8-sig"))
    job, page = upload(client, "meetings", file)
    assert "CLB đã có buổi sinh hoạt vào ngày này; bỏ qua." in page
    confirm(client, job)
    meeting = Meeting.objects.get(club=cao_xanh, held_on=datetime.date(2022, 5, 3))
    assert (meeting.kind, meeting.guests_count) == ("community", 40)
    assert Meeting.objects.filter(club=cao_xanh, held_on=taken).count() == 1


def test_a_csv_that_is_not_utf8_is_refused_with_advice(client, login, demo):
    login("coordinator")
    file = SimpleUploadedFile("cu.csv", "Câu lạc bộ,Ngày\n".encode("utf-16"))
    response = client.post("/admin/clubs/import/", {"kind": "meetings", "file": file})
    assert response.status_code == 200
    assert "CSV UTF-8" in response.content.decode()


def test_a_sheet_without_required_columns_says_which(client, login, demo):
    login("coordinator")
    job, page = upload(client, "members", xlsx(["Họ và tên"], [["Lê Văn A"]]))
    assert "Bảng tính thiếu các cột:" in page
    assert "Câu lạc bộ" in page


def test_errors_are_in_english_for_english_users(client, login, demo):
    user = login("coordinator")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    rows = member_rows(1)
    rows[0][6] = "2024-13-45"
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, rows))
    assert "is not a date: write it as dd/mm/yyyy" in page


def test_others_cannot_see_someone_elses_import(client, login, demo):
    login("coordinator")
    job, _ = upload(client, "members", xlsx(MEMBER_HEADINGS, member_rows(1)))
    login("leader-cao-xanh")
    assert client.get(f"/admin/clubs/import/{job.pk}/").status_code == 404
    assert client.post(f"/admin/clubs/import/{job.pk}/confirm/").status_code == 404


def test_the_empty_template_has_the_headings(client, login, demo):
    login("leader-cao-xanh")
    response = client.get("/admin/clubs/import/template/members.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Câu lạc bộ", "Họ và tên", "Phân loại"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_sheet_runs_in_the_background_and_the_page_polls(client, login, cao_xanh):
    login("coordinator")
    rows = member_rows(1001, start=100)
    before = Member.objects.count()
    job, page = upload(client, "members", xlsx(MEMBER_HEADINGS, rows))
    assert job.status == ImportJob.Status.CHECKING
    assert "data-import-running" in page
    assert f'href="/admin/clubs/import/{job.pk}/"' in page  # the refresh link without JS
    assert "import-status.js" in page
    call_command("db_worker", "--backend", "imports", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    job, page = confirm(client, job)
    assert job.status == ImportJob.Status.IMPORTING
    assert Member.objects.count() == before
    call_command("db_worker", "--backend", "imports", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Member.objects.count() == before + 1001
    assert (
        "Đã nhập: 1001 bản ghi mới."
        in client.get(f"/admin/clubs/import/{job.pk}/").content.decode()
    )


def test_a_background_step_that_breaks_leaves_the_import_failed_not_polling(
    client, login, demo, monkeypatch
):
    from clubs import imports
    from clubs.tasks import run_import_job

    login("coordinator")
    job, _ = upload(client, "members", xlsx(MEMBER_HEADINGS, member_rows(1)))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "import_job_confirm", broken)
    with pytest.raises(RuntimeError):
        run_import_job.call(job_id=job.pk, step="import")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    page = client.get(f"/admin/clubs/import/{job.pk}/").content.decode()
    assert "data-import-running" not in page
    assert "Quá trình nhập bị dừng." in page
