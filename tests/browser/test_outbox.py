"""Offline field work: the one outbox keeps every form until the server has it, exactly once.

"Offline" is real: the test server is stopped (Playwright's set_offline does not cover the
service worker). A browser restart is a new persistent context on the same profile folder.
Fault tests intercept the page's own POSTs (service workers blocked so routing sees them).
"""

import datetime
import json
import time
import uuid

import pytest
from django.utils import timezone

from clubs.models import Club, Meeting, Member
from config.models import SyncReceipt
from tests.browser.conftest import (
    CHROMIUM,
    CSP_LISTENER,
    PHONE,
    browser_login,
    field_login,
    wait_for_worker,
)
from tests.factories import make_jpeg

TOPIC = "Cảnh giác lời mời việc nhẹ lương cao qua Zalo"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture
def cao_xanh(transactional_db):
    return Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)


def _free_day(club) -> datetime.date:
    day = timezone.localdate() - datetime.timedelta(days=1)
    while club.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    return day


def _persistent(browser_type, profile, violations):
    context = browser_type.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=LAUNCH_ARGS,
        viewport=PHONE,
        locale="vi-VN",
        service_workers="allow",
    )
    context.expose_binding("__reportCspViolation", lambda _s, report: violations.append(report))
    context.add_init_script(CSP_LISTENER)
    return context


def _items(page):
    return page.evaluate("SafeWardOutboxCore.store.all()")


def _wait_until(page, script, arg=None, timeout=30):
    """Poll an async page function until it returns true (wait_for_function does not
    await the promises an async predicate returns)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        page.wait_for_timeout(200)


def _wait_for_field_copies(page, club):
    """The club's shells are in the worker's cache and its roster on the phone."""
    _wait_until(
        page,
        """async (clubId) => {
            const cache = await caches.open("safeward-pages-v1");
            const urls = (await cache.keys()).map((r) => r.url.replace(location.origin, ""));
            const roster = await SafeWardOutboxCore.store.getMeta("roster");
            const user = await SafeWardOutboxCore.store.getMeta("userId");
            return user && user !== "anonymous"
                && urls.includes(`/field/clubs/${clubId}/meetings/new/?shell=1`)
                && urls.includes(`/field/clubs/${clubId}/?shell=1`)
                && roster && Object.keys(roster).length > 0;
        }""",
        club.pk,
    )


def _fill_meeting(page, day, *, absentees=3, photo=None):
    page.fill("#id_held_on", day.strftime("%d/%m/%Y"))
    page.select_option("#id_kind", "monthly")
    page.fill("#id_topics", TOPIC)
    page.get_by_role("button", name="Đánh dấu tất cả có mặt").click()
    boxes = page.locator("[data-roster] input[type=checkbox]")
    assert boxes.count() > absentees
    for index in range(absentees):
        boxes.nth(index).uncheck()
    if photo is not None:
        page.set_input_files("#id_photos", str(photo))


@pytest.mark.parametrize("with_photo", [False, True], ids=["fields", "photo"])
def test_a_meeting_logged_offline_survives_reload_and_restart_and_arrives_once(
    browser_type, site_server, cao_xanh, tmp_path, with_photo
):
    violations = []
    day = _free_day(cao_xanh)
    photo = None
    if with_photo:
        photo = tmp_path / "anh.jpg"
        photo.write_bytes(make_jpeg(size=(1200, 900)).getvalue())
    profile = tmp_path / "profile"

    context = _persistent(browser_type, profile, violations)
    page = context.new_page()
    field_login(page, site_server.url, "leader-cao-xanh")
    page.wait_for_url(f"**/field/clubs/{cao_xanh.pk}/")
    wait_for_worker(page)
    _wait_for_field_copies(page, cao_xanh)

    site_server.stop()  # no signal
    response = page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/meetings/new/")
    assert response.from_service_worker
    _fill_meeting(page, day, photo=photo)
    page.get_by_role("button", name="Lưu buổi sinh hoạt").click()
    _wait_until(
        page,
        "() => document.querySelector('[data-outbox-banner]').textContent.includes('điện thoại')",
    )
    (item,) = _items(page)
    assert item["status"] == "waiting"
    assert TOPIC not in json.dumps(item)

    page.reload()  # still offline: the kept copy again, the item still waiting
    assert [i["status"] for i in _items(page)] == ["waiting"]
    context.close()

    context = _persistent(browser_type, profile, violations)  # the phone restarts the browser
    page = context.new_page()
    response = page.goto(f"{site_server.url}/field/outbox/")
    assert response.from_service_worker
    page.locator("[data-outbox-list] li").first.wait_for()
    assert "Đang chờ" in page.locator("[data-outbox-list]").inner_text()

    site_server.start()  # the signal returns
    page.get_by_role("button", name="Gửi ngay").click()
    _wait_until(
        page,
        "SafeWardOutboxCore.store.all().then((items) => items.every((i) => i.status === 'sent'))",
    )
    assert "Đã gửi" in page.locator("[data-outbox-list]").inner_text()
    context.close()

    meeting = Meeting.objects.get(club=cao_xanh, held_on=day)
    assert meeting.topics == TOPIC
    assert meeting.attendances.filter(present=False).count() == 3
    assert meeting.photos.count() == (1 if with_photo else 0)
    assert str(meeting.client_uuid) == item["uuid"]
    assert SyncReceipt.objects.filter(uuid=item["uuid"]).count() == 1
    assert not violations


def test_an_outbox_of_fifty_items_drains_fully(page, site_server, cao_xanh):
    browser_login(page, site_server.url, "leader-cao-xanh")
    page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/members/new/")
    _wait_until(page, "SafeWardOutboxCore.store.getMeta('serverKey').then(Boolean)")
    _wait_until(page, "SafeWardOutboxCore.lastKnownUser().then((u) => u !== 'anonymous')")
    site_server.stop()
    uuids = page.evaluate(
        """async (url) => {
            const user = await SafeWardOutboxCore.lastKnownUser();
            const made = [];
            for (let i = 0; i < 50; i++) {
                const uuid = crypto.randomUUID();
                await SafeWardOutboxCore.add({
                    uuid, kind: "member", url, summary: "Thành viên mới", userId: user,
                    payload: {fields: {full_name: ["Người Thử Số " + i], category: ["volunteer"],
                              phone: [""], residential_area: ["Khu 3"], board_role: ["member"],
                              joined_on: ["01/10/2026"]}, files: {}},
                });
                made.push(uuid);
            }
            return made;
        }""",
        f"/field/clubs/{cao_xanh.pk}/members/new/",
    )
    site_server.start()
    outcome = page.evaluate("SafeWardOutboxCore.drain({force: true})")
    assert outcome["sent"] == 50
    statuses = {item["status"] for item in _items(page)}
    assert statuses == {"sent"}
    assert Member.objects.filter(club=cao_xanh, full_name__startswith="Người Thử Số").count() == 50
    stored = Member.objects.filter(client_uuid__in=uuids).values_list("client_uuid", flat=True)
    assert {str(u) for u in stored} == set(uuids)


@pytest.fixture
def field_page(browser, site_server, cao_xanh):
    """A leader on the meeting form, with service workers blocked so POSTs can be routed."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    violations = []
    context.expose_binding("__reportCspViolation", lambda _s, report: violations.append(report))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    browser_login(page, site_server.url, "leader-cao-xanh")
    page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/meetings/new/")
    _wait_until(page, "SafeWardOutboxCore.store.getMeta('serverKey').then(Boolean)")
    yield page
    context.close()
    assert not violations


def _meeting_url(site_server, club):
    return f"{site_server.url}/field/clubs/{club.pk}/meetings/new/"


def _submit_meeting(page, day):
    _fill_meeting(page, day)
    page.get_by_role("button", name="Lưu buổi sinh hoạt").click()


def _wait_status(page, status):
    _wait_until(
        page,
        "(status) => SafeWardOutboxCore.store.all()"
        ".then((items) => items.length > 0 && items.every((i) => i.status === status))",
        status,
    )


def test_a_captive_portal_page_is_not_a_receipt(field_page, site_server, cao_xanh):
    day = _free_day(cao_xanh)
    url = _meeting_url(site_server, cao_xanh)
    portal = lambda route: route.fulfill(  # noqa: E731
        status=200, content_type="text/html", body="<html><body>Đăng nhập Wi-Fi</body></html>"
    )
    field_page.route(
        url, lambda route: portal(route) if route.request.method == "POST" else route.continue_()
    )
    _submit_meeting(field_page, day)
    _wait_status(field_page, "waiting")
    assert not Meeting.objects.filter(club=cao_xanh, held_on=day).exists()
    field_page.unroute(url)
    field_page.evaluate("SafeWardOutboxCore.drain({force: true})")
    _wait_status(field_page, "sent")
    assert Meeting.objects.filter(club=cao_xanh, held_on=day).count() == 1


def test_a_cut_after_the_server_committed_ends_with_one_row(field_page, site_server, cao_xanh):
    day = _free_day(cao_xanh)
    url = _meeting_url(site_server, cao_xanh)

    def cut_after_commit(route):
        if route.request.method != "POST":
            return route.continue_()
        route.fetch()  # the server stores the meeting ...
        return route.abort("connectionreset")  # ... and the phone never hears back

    field_page.route(url, cut_after_commit)
    _submit_meeting(field_page, day)
    _wait_status(field_page, "waiting")
    assert Meeting.objects.filter(club=cao_xanh, held_on=day).count() == 1
    field_page.unroute(url)
    field_page.evaluate("SafeWardOutboxCore.drain({force: true})")
    _wait_status(field_page, "sent")
    (item,) = _items(field_page)
    assert item["receipt"]["uuid"] == item["uuid"]
    assert Meeting.objects.filter(club=cao_xanh, held_on=day).count() == 1


def test_a_server_error_then_a_receipt_ends_with_one_row(field_page, site_server, cao_xanh):
    day = _free_day(cao_xanh)
    url = _meeting_url(site_server, cao_xanh)
    calls = []

    def fail_once(route):
        if route.request.method != "POST":
            return route.continue_()
        calls.append(1)
        if len(calls) == 1:
            return route.fulfill(status=500, content_type="text/html", body="Lỗi máy chủ")
        return route.continue_()

    field_page.route(url, fail_once)
    _submit_meeting(field_page, day)
    _wait_status(field_page, "waiting")
    field_page.evaluate("SafeWardOutboxCore.drain({force: true})")
    _wait_status(field_page, "sent")
    assert len(calls) == 2
    assert Meeting.objects.filter(club=cao_xanh, held_on=day).count() == 1


def test_a_changed_replay_is_a_conflict_the_leader_sees(field_page, site_server, cao_xanh):
    day = _free_day(cao_xanh)
    item_uuid = field_page.evaluate(
        "document.querySelector('form[data-outbox]').dataset.clientUuid"
    )
    # The server already holds other content under this UUID.
    SyncReceipt.objects.create(uuid=uuid.UUID(item_uuid), kind="meeting", content_hmac="0" * 64)
    _submit_meeting(field_page, day)
    _wait_status(field_page, "conflict")
    assert "bản khác" in field_page.locator("[data-outbox-banner]").inner_text()
    assert not Meeting.objects.filter(club=cao_xanh, held_on=day).exists()


def test_a_refused_item_reopens_in_its_form_for_correction(field_page, site_server, cao_xanh):
    taken = cao_xanh.meetings.order_by("-held_on").first().held_on  # a day already taken
    _submit_meeting(field_page, taken)
    field_page.wait_for_selector("[data-outbox-error]")
    assert field_page.locator("#id_topics").input_value() == TOPIC
    (item,) = _items(field_page)
    assert item["status"] == "needs_fixing"
    day = _free_day(cao_xanh)
    field_page.fill("#id_held_on", day.strftime("%d/%m/%Y"))
    field_page.get_by_role("button", name="Lưu buổi sinh hoạt").click()
    field_page.wait_for_url(f"**/field/clubs/{cao_xanh.pk}/")
    assert Meeting.objects.filter(club=cao_xanh, held_on=day, topics=TOPIC).count() == 1
    assert [i["status"] for i in _items(field_page)] == ["sent"]


def test_a_stored_member_item_holds_no_plaintext(field_page, site_server, cao_xanh):
    canary = "Nguyễn Thị Chim Hoàng Yến " + uuid.uuid4().hex[:8]
    field_page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/members/new/")
    _wait_until(field_page, "SafeWardOutboxCore.store.getMeta('serverKey').then(Boolean)")
    field_page.route(
        "**/members/new/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    field_page.fill("#id_full_name", canary)
    field_page.select_option("#id_category", "survivor")
    field_page.fill("#id_phone", "0912345678")
    field_page.get_by_role("button", name="Lưu").click()
    _wait_status(field_page, "waiting")
    raw = json.dumps(_items(field_page), ensure_ascii=False)
    for secret in [canary, "Chim Hoàng Yến", "0912345678", "survivor"]:
        assert secret not in raw
    assert "Thành viên mới" in raw  # only the non-identifying summary is readable
