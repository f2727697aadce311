"""A club leader logs the monthly meeting on a 360 px phone; the coordinator sees it."""

import datetime

from django.utils import timezone

from clubs.models import Club, Meeting
from tests.browser.conftest import browser_login
from tests.factories import make_jpeg


def _free_day(club) -> datetime.date:
    day = timezone.localdate() - datetime.timedelta(days=1)
    while club.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    return day


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_leader_logs_a_meeting_with_three_absentees_and_a_photo(page, site_server, tmp_path):
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    day = _free_day(club)
    photo = tmp_path / "buoi-sinh-hoat.jpg"
    photo.write_bytes(make_jpeg(size=(2000, 1500), exif_gps=True).getvalue())
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    browser_login(page, site_server.url, "leader-cao-xanh")
    page.goto(site_server.url + "/field/")
    page.wait_for_url(f"**/field/clubs/{club.pk}/")
    assert _no_horizontal_scroll(page)
    page.get_by_role("link", name="Ghi buổi sinh hoạt").click()
    page.wait_for_url("**/meetings/new/")
    assert _no_horizontal_scroll(page)

    page.fill("#id_held_on", day.strftime("%d/%m/%Y"))
    page.select_option("#id_kind", "monthly")
    page.fill("#id_topics", "Nhận diện lời mời việc nhẹ lương cao trên mạng")
    page.fill("#id_place", "Nhà văn hóa khu 5")
    page.get_by_role("button", name="Đánh dấu tất cả có mặt").click()
    boxes = page.locator("[data-roster] input[type=checkbox]")
    total = boxes.count()
    assert total > 3
    assert page.locator("[data-roster] input:checked").count() == total
    for index in range(3):
        boxes.nth(index).uncheck()
    assert page.locator("[data-roster-count]").inner_text() == f"{total - 3} có mặt, 3 vắng"
    page.set_input_files("#id_photos", str(photo))
    save = page.get_by_role("button", name="Lưu buổi sinh hoạt")
    assert save.bounding_box()["height"] >= 44
    save.click()

    page.wait_for_url(f"**/field/clubs/{club.pk}/")
    assert "Đã lưu buổi sinh hoạt." in page.locator(".messages").inner_text()
    row = page.locator(".rows a", has_text=day.strftime("%d/%m/%Y")).first
    assert f"{total - 3} có mặt" in row.inner_text()
    assert "3 vắng" in row.inner_text()
    assert "1 ảnh" in row.inner_text()
    row.click()
    picture = page.locator(".photo-grid img").first
    picture.wait_for()
    assert picture.evaluate("img => img.complete && img.naturalWidth === 1600")
    assert not errors

    meeting = Meeting.objects.get(club=club, held_on=day)
    assert meeting.attendances.filter(present=False).count() == 3
    assert meeting.client_uuid is not None  # made by the phone when the form opened

    page.context.clear_cookies()
    browser_login(page, site_server.url, "coordinator")
    page.goto(site_server.url + "/admin/clubs/meetings/?kind=monthly")
    listing = page.locator("table.listing tbody tr", has_text=day.strftime("%d/%m/%Y")).first
    assert "Cao Xanh" in listing.inner_text()
    assert "3" in listing.inner_text()
