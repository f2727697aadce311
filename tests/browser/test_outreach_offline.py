"""A club leader with no signal flags a person at risk and records materials handed out, on a
360 px phone: the forms open from the copies the phone kept, the items wait encrypted in the
outbox (nothing readable about the person in IndexedDB) and arrive once when the signal returns.

"Offline" is real: the test server is stopped (Playwright's set_offline does not cover the
service worker).
"""

import json
import uuid

import pytest
from django.utils import timezone

from clubs.models import Club
from config.models import SyncReceipt
from outreach.cases.models import Case
from outreach.materials.models import Distribution, Material
from tests.browser.conftest import field_login, wait_for_worker
from tests.browser.test_outbox import _items, _wait_until


@pytest.fixture
def cao_xanh(transactional_db):
    return Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)


def _wait_for_outreach_shells(page, club):
    _wait_until(
        page,
        """async (clubId) => {
            const cache = await caches.open("safeward-pages-v1");
            const urls = (await cache.keys()).map((r) => r.url.replace(location.origin, ""));
            const user = await SafeWardOutboxCore.store.getMeta("userId");
            return user && user !== "anonymous"
                && urls.includes(`/field/clubs/${clubId}/cases/new/?shell=1`)
                && urls.includes(`/field/clubs/${clubId}/distributions/new/?shell=1`);
        }""",
        club.pk,
    )


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _waiting(page, count):
    _wait_until(
        page,
        "(n) => SafeWardOutboxCore.store.all().then((items) => items.length === n"
        " && items.every((i) => i.status === 'waiting'))",
        count,
    )


def test_a_person_flagged_and_materials_recorded_offline_arrive_once(page, site_server, cao_xanh):
    canary = "Phạm Thị Canary " + uuid.uuid4().hex[:8]
    phone, id_number, address = "0987654321", "022198765432", "Tổ 7, khu Cao Xanh " + canary[-8:]
    material = Material.objects.exclude(kind=Material.Kind.PANEL).order_by("pk").first()
    stock_before = material.stock
    cases_before = Case.objects.filter(club=cao_xanh).count()

    field_login(page, site_server.url, "leader-cao-xanh")
    page.wait_for_url(f"**/field/clubs/{cao_xanh.pk}/")
    wait_for_worker(page)
    _wait_for_outreach_shells(page, cao_xanh)

    site_server.stop()  # no signal
    response = page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/cases/new/")
    assert response.from_service_worker
    assert _fits(page)
    assert page.locator("[data-shell-note]").is_visible()
    page.fill("#id_full_name", canary)
    page.fill("#id_phone", phone)
    page.fill("#id_id_number", id_number)
    page.fill("#id_address", address)
    page.select_option("#id_target_group", "at_risk")
    page.get_by_role("button", name="Lưu").click()
    _waiting(page, 1)

    response = page.goto(f"{site_server.url}/field/clubs/{cao_xanh.pk}/distributions/new/")
    assert response.from_service_worker
    assert _fits(page)
    page.select_option("#id_material", str(material.pk))
    page.fill("#id_quantity", "25")
    # Not the day the copy was kept: the day the phone opens it.
    assert page.input_value("#id_distributed_on") == timezone.localdate().strftime("%d/%m/%Y")
    page.get_by_role("button", name="Lưu").click()
    _waiting(page, 2)

    stored = json.dumps(_items(page), ensure_ascii=False)
    for secret in [canary, canary[-8:], phone, id_number, "Tổ 7"]:
        assert secret not in stored
    assert {item["kind"] for item in _items(page)} == {"case", "distribution"}
    assert not Case.objects.filter(club=cao_xanh).count() > cases_before  # nothing arrived yet

    site_server.start()  # the signal returns
    page.goto(f"{site_server.url}/field/outbox/")
    page.get_by_role("button", name="Gửi ngay").click()
    _wait_until(
        page,
        "SafeWardOutboxCore.store.all().then((items) => items.every((i) => i.status === 'sent'))",
    )
    page.evaluate("SafeWardOutboxCore.drain({force: true})")  # a second drain sends nothing

    items = {item["kind"]: item for item in _items(page)}
    flagged = [case for case in Case.objects.filter(club=cao_xanh) if case.full_name == canary]
    assert len(flagged) == 1
    (case,) = flagged
    assert (case.phone, case.id_number, case.address) == (phone, id_number, address)
    assert str(case.client_uuid) == items["case"]["uuid"]
    assert Case.objects.filter(club=cao_xanh).count() == cases_before + 1
    distribution = Distribution.objects.get(client_uuid=items["distribution"]["uuid"])
    assert (distribution.material, distribution.quantity, distribution.club) == (
        material,
        25,
        cao_xanh,
    )
    material.refresh_from_db()
    assert material.stock == stock_before - 25
    for item in items.values():
        assert SyncReceipt.objects.filter(uuid=item["uuid"]).count() == 1
