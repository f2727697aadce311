"""A club leader records a follow-up of an at-risk person on a 360 px phone; the campaign
page shows progress against targets at the same width."""

from django.utils import timezone

from clubs.models import Club
from outreach.campaigns.models import Campaign
from outreach.cases.models import AuditEntry, Case, FollowUp
from tests.browser.conftest import browser_login


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_leader_records_a_follow_up(page, site_server):
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    case = (
        Case.objects.filter(
            club=club,
            personal_data_erased_at__isnull=True,
            consents__purpose="follow_up",
            consents__withdrawn_on__isnull=True,
        )
        .exclude(status="closed")
        .first()
    )
    before = FollowUp.objects.filter(case=case).count()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    browser_login(page, site_server.url, "leader-cao-xanh")
    page.goto(site_server.url + f"/field/clubs/{club.pk}/")
    page.get_by_role("link", name="Người có nguy cơ").click()
    page.wait_for_url(f"**/field/clubs/{club.pk}/cases/")
    assert _no_horizontal_scroll(page)
    page.locator(".rows a", has_text=case.code).click()
    page.wait_for_url(f"**/field/cases/{case.pk}/")
    assert case.full_name in page.locator("main").inner_text()
    assert _no_horizontal_scroll(page)
    page.get_by_role("link", name="Ghi lần theo dõi").click()
    page.wait_for_url("**/follow-ups/new/")
    assert _no_horizontal_scroll(page)

    form = page.locator("form[data-outbox=follow_up]")
    assert form.get_attribute("data-outbox-sensitive") is not None
    assert case.full_name not in form.get_attribute("data-outbox-summary")
    page.fill("#id_done_on", timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Zalo").check()
    page.select_option("#id_outcome", "risk_down")
    page.fill("#id_note", "Đã nhắn tin, gia đình yên tâm hơn.")
    save = page.get_by_role("button", name="Lưu")
    assert save.bounding_box()["height"] >= 44
    save.click()

    page.wait_for_url(f"**/field/cases/{case.pk}/")
    assert "Đã lưu." in page.locator(".messages").inner_text()
    assert "nguy cơ giảm" in page.locator("main").inner_text()
    assert not errors
    follow_up = FollowUp.objects.filter(case=case).latest("pk")
    assert FollowUp.objects.filter(case=case).count() == before + 1
    assert follow_up.method == "zalo" and follow_up.note.startswith("Đã nhắn tin")
    assert AuditEntry.objects.filter(case_ref=case.pk, action="follow_up").exists()


def test_campaign_page_fits_a_phone(page, site_server):
    campaign = Campaign.objects.get(theme="national_day")
    browser_login(page, site_server.url, "campaigns")
    page.goto(site_server.url + f"/field/campaigns/{campaign.pk}/")
    assert page.locator("meter").count() == 5
    assert _no_horizontal_scroll(page)
    page.get_by_role("link", name="Ghi một hoạt động").click()
    page.wait_for_url("**/activities/new/")
    assert _no_horizontal_scroll(page)
