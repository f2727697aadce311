"""A resident sends an anonymous tip from a 360 px phone: online, without JavaScript, and
offline (the server really stopped) through the one outbox, arriving exactly once."""

import json
import uuid

from outreach.cases import tips
from outreach.cases.models import Tip
from tests.browser.conftest import PHONE, wait_for_worker

FORM = "/bao-tin/"
PENDING = "safeward.outbox.pending"
TEXT = "Có người rủ em gái hàng xóm sang bên kia biên giới làm việc nhẹ lương cao."


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _fill(page):
    page.get_by_label("Chuyện gì đã xảy ra?").fill(TEXT)
    page.get_by_label("Ở đâu?").select_option(label="Cao Xanh")
    page.get_by_label("Khi nào?").select_option(value="this_week")
    page.get_by_label("Số điện thoại hoặc Zalo của bạn (không bắt buộc)").fill("0912345678")
    page.get_by_label("Có thể liên hệ với tôi").check()


def _wait(page, condition, seconds=10):
    for _ in range(int(seconds * 4)):
        if condition():
            return True
        page.wait_for_timeout(250)
    return condition()


def test_send_a_tip_online_with_javascript(page, site_server):
    page.goto(site_server.url + "/")
    page.get_by_role("link", name="Báo tin / Cần giúp đỡ").click()
    page.wait_for_url(site_server.url + FORM)
    assert _no_horizontal_scroll(page)
    assert page.get_by_text("Ai đọc tin này").is_visible()
    trap = page.locator('input[name="website"]').bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is off screen for people
    _fill(page)
    page.get_by_role("button", name="Gửi").click()
    done = page.locator("[data-tip-done]")
    done.wait_for()
    done.locator("[data-tip-status]").filter(has_text="Đã gửi").wait_for()
    code = done.locator("[data-tip-code]").inner_text()
    tip = Tip.objects.get()
    assert (tip.code, tip.text, tip.ward.name, tip.may_contact) == (code, TEXT, "Cao Xanh", True)
    assert done.locator('a[href="tel:111"]').is_visible()
    assert _no_horizontal_scroll(page)

    # The browser and the server make the same code from a UUID.
    for _ in range(20):
        key = uuid.uuid4()
        assert page.evaluate("(k) => SafeWardTip.codeFor(k)", str(key)) == (
            tips.tip_code_for_uuid(key)
        )


def test_send_a_tip_without_javascript(browser, site_server):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + FORM)
    assert _no_horizontal_scroll(page)
    _fill(page)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Gửi").click()
    response = navigation.value
    assert response.url.startswith(site_server.url + "/bao-tin/da-gui/?ref=")
    assert response.headers["cache-control"] == "no-store"
    tip = Tip.objects.get()
    assert page.locator(".tip-code").inner_text() == tip.code
    assert page.locator('a[href="tel:18001769"]').first.is_visible()
    assert _no_horizontal_scroll(page)
    context.close()


def test_a_tip_written_offline_arrives_once_when_back_online(page, site_server):
    # One visit to the home page installs the worker, which keeps the (never visited) form.
    page.goto(site_server.url + "/")
    wait_for_worker(page)

    site_server.stop()

    response = page.goto(site_server.url + FORM)
    assert response.from_service_worker
    assert _no_horizontal_scroll(page)
    _fill(page)
    page.get_by_role("button", name="Gửi").click()
    done = page.locator("[data-tip-done]")
    done.locator("[data-tip-status]").filter(has_text="niêm phong").wait_for()
    code = done.locator("[data-tip-code]").inner_text()
    assert done.locator('a[href="tel:111"]').is_visible()
    (queued,) = page.evaluate("SafeWardOutboxCore.store.all()")
    assert queued["status"] == "waiting" and queued["userId"] == "anonymous"
    assert TEXT not in json.dumps(queued["envelope"])  # sealed on the phone
    assert tips.tip_code_for_uuid(uuid.UUID(queued["uuid"])) == code
    assert not Tip.objects.exists()

    site_server.start()

    # Any public page sends what waits once the connection is back.
    page.goto(site_server.url + "/bai-viet/")
    page.locator("h1").wait_for()
    assert _wait(page, lambda: not page.evaluate(f"localStorage.getItem('{PENDING}')"))
    tip = Tip.objects.get()
    assert (tip.code, tip.text) == (code, TEXT)

    # Draining again (another page, a reconnect) sends nothing twice.
    page.goto(site_server.url + FORM)
    page.evaluate("SafeWardOutboxCore.drain({ force: true })")
    (sent,) = page.evaluate("SafeWardOutboxCore.store.all()")
    assert sent["status"] == "sent" and sent["receipt"]["uuid"] == queued["uuid"]
    assert Tip.objects.count() == 1
