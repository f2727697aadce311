"""The coordinator reads the report dashboard on a phone and a desktop, changes the period
and downloads the Excel report, whose figures match the database."""

import datetime

import openpyxl

from clubs.models import Meeting
from outreach.materials.models import Distribution
from tests.browser.conftest import browser_login


def _overflows(page) -> bool:
    return page.evaluate(
        "document.querySelector('.sw-report').scrollWidth > "
        "document.querySelector('.sw-report').clientWidth + 1"
    )


def test_coordinator_dashboard_period_and_excel(page, site_server, tmp_path):
    browser_login(page, site_server.url, "coordinator")
    page.goto(site_server.url + "/admin/reports/")
    assert page.locator("[data-indicator=meetings_held]").is_visible()
    # At 360 px the report fits: charts scale down instead of widening the page.
    chart = page.locator(".sw-chart__svg").first
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= 360
    assert not _overflows(page)
    assert page.locator(".sw-chart details table").count() >= 1  # the text alternative

    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator(".sw-chart__svg").first.bounding_box()["width"] > 250
    assert not _overflows(page)

    # March 2024 only.
    page.select_option("#id_period", "month")
    page.fill("#id_year", "2024")
    page.select_option("#id_month", "3")
    page.locator("[data-report-filters] button[type=submit]").click()
    page.wait_for_url("**period=month**")
    assert page.locator("[data-report-period]").inner_text().startswith("01/03/2024 – 31/03/2024")
    march = [datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)]
    meetings = Meeting.objects.filter(held_on__range=march).count()
    assert meetings > 0  # the demo clubs met that month
    shown = page.locator("[data-indicator=meetings_held] [data-value]").inner_text()
    assert int(shown.replace(".", "")) == meetings

    with page.expect_download() as download_info:
        page.locator("[data-report-xlsx]").click()
    path = tmp_path / "report.xlsx"
    download_info.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert {"Sinh hoạt câu lạc bộ", "Người có nguy cơ", "Chiến dịch truyền thông"} <= set(
        workbook.sheetnames
    )
    assert workbook.sheetnames[-1] == "Theo tháng"
    clubs = workbook["Sinh hoạt câu lạc bộ"]
    # Period and place in the title; the period's days as real dates shown dd/mm/yyyy.
    assert "01/03/2024 đến 31/03/2024 – Toàn tỉnh" in clubs["A1"].value
    assert clubs["B2"].value.date() == march[0] and clubs["B2"].number_format == "dd/mm/yyyy"
    values = {
        row[0].value: row[2].value for row in clubs.iter_rows(min_row=7) if row[1].value == "Tổng"
    }
    assert values["Buổi sinh hoạt đã tổ chức"] == meetings
    materials = workbook["Tài liệu, pano"]
    handed_out = {
        row[0].value: row[2].value
        for row in materials.iter_rows(min_row=7)
        if row[1].value == "Tổng"
    }
    expected = sum(
        Distribution.objects.filter(distributed_on__range=march).values_list("quantity", flat=True)
    )
    assert handed_out["Tài liệu đã phát"] == expected


def test_public_statistics_at_360_px_under_the_strict_policy(page, site_server):
    """No login, charts drawn without inline styles (the csp_violations fixture checks)."""
    page.goto(site_server.url + "/thong-ke/")
    assert page.locator("[data-indicator=cases_flagged] [data-value]").is_visible()
    assert page.locator(".sw-chart__svg").first.bounding_box()["width"] <= 360
    assert not page.evaluate("document.documentElement.scrollWidth > 361")
