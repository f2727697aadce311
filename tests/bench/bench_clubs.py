"""Clubs benchmarks (issue 3 targets).

- Importing 10,000 members from an Excel sheet: check (dry run) and import, target <= 30 s
  for the import.
- A club with 500 meetings: its field page, its admin listing and its CSV export take the
  same number of queries as with 50 meetings.
"""

import datetime
import io
import random
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROWS = 10_000
TARGET_IMPORT_SECONDS = 30


def _member_sheet(rows: int) -> SimpleUploadedFile:
    import openpyxl

    from clubs.models import Club

    clubs = list(Club.objects.values_list("name", flat=True))
    rng = random.Random("bench-clubs")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Câu lạc bộ", "Họ và tên", "Phân loại", "Số điện thoại", "Ngày tham gia"])
    for index in range(rows):
        sheet.append(
            [
                clubs[index % len(clubs)],
                f"Nguyễn Thị Thử {index}",
                rng.choice(["tình nguyện viên", "cán bộ tổ dân, khu phố"]),
                f"039{index:07d}",
                f"{index % 28 + 1:02d}/0{index % 9 + 1}/2024",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bench.xlsx", buffer.getvalue())


def bench_import() -> dict:
    from clubs import imports
    from clubs.models import ImportJob, Member

    coordinator = get_user_model().objects.get(username="coordinator")
    before = Member.objects.count()
    started = time.perf_counter()
    job = imports.import_job_create(
        user=coordinator, kind=ImportJob.Kind.MEMBERS, upload=_member_sheet(ROWS)
    )
    read = time.perf_counter() - started
    started = time.perf_counter()
    imports.import_job_check(job=job)
    check = time.perf_counter() - started
    assert job.status == ImportJob.Status.CHECKED, job.report
    started = time.perf_counter()
    imports.import_job_confirm(job=job)
    imported = time.perf_counter() - started
    assert job.status == ImportJob.Status.DONE, job.report
    return {
        "rows": ROWS,
        "upload_and_count_seconds": round(read, 2),
        "check_seconds": round(check, 2),
        "import_seconds": round(imported, 2),
        "members_added": Member.objects.count() - before,
    }


def _club_with_meetings(count: int):
    from clubs.models import Attendance, Club, Meeting, Member, Membership, Ward

    ward = Ward.objects.create(name=f"Phường Thử {count}", kind=Ward.Kind.WARD)
    club = Club.objects.create(
        name=f"CLB thử {count} buổi", ward=ward, founded_on=datetime.date(1990, 1, 1)
    )
    members = [
        Member(club=club, full_name=f"Lê Văn Thử {i}", category="volunteer") for i in range(25)
    ]
    for member in members:
        member.save()
    Membership.objects.bulk_create(
        [Membership(member=m, joined_on=datetime.date(1990, 1, 1)) for m in members]
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                club=club,
                held_on=datetime.date(1990, 1, 1) + datetime.timedelta(days=i * 30),
                topics="Sinh hoạt định kỳ",
            )
            for i in range(count)
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=mt, member=m, present=(mt.pk + m.pk) % 5 != 0)
            for mt in meetings
            for m in members
        ],
        batch_size=5000,
    )
    return club


def _queries(client: Client, url: str) -> tuple[int, float]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), round(elapsed * 1000, 1)


def bench_listing() -> dict:
    from tests.bench import stack

    client = Client()
    # A two-factor verified session: a password-only staff session is sent to the code page.
    for name, value in stack.signed_in_cookies("coordinator").items():
        client.cookies[name] = value
    figures = {}
    for count in (50, 500):
        club = _club_with_meetings(count)
        for name, url in {
            "field_club_page": f"/field/clubs/{club.pk}/",
            "admin_meetings": f"/admin/clubs/meetings/?club={club.pk}",
            "admin_meetings_csv": f"/admin/clubs/meetings/?club={club.pk}&export=csv",
        }.items():
            queries, ms = _queries(client, url)
            figures.setdefault(name, {})[f"{count}_meetings"] = {"queries": queries, "ms": ms}
    return figures


def run() -> dict:
    imported = bench_import()
    listing = bench_listing()
    flat = all(
        v["50_meetings"]["queries"] == v["500_meetings"]["queries"] for v in listing.values()
    )
    return {
        "import_members": imported,
        "club_with_meetings": listing,
        "targets": {
            "import_seconds_max": TARGET_IMPORT_SECONDS,
            "listing_queries": "same for 50 and 500 meetings",
        },
        "met": {
            "import": imported["import_seconds"] <= TARGET_IMPORT_SECONDS,
            "listing_queries_flat": flat,
        },
    }
