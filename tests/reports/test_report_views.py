"""Report pages: who may open them, what they show, what they never show."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clubs.models import Club

YEAR_2024 = "?period=year&year=2024"


@pytest.mark.parametrize("username", ["coordinator", "leader-cao-xanh", "secretary-cao-xanh"])
def test_admin_dashboard_opens_for_coordinators_and_boards(client, demo, login, username):
    login(username)
    response = client.get("/admin/reports/" + YEAR_2024)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert b'data-indicator="meetings_held"' in response.content


@pytest.mark.parametrize("username", ["communicator", "campaigns"])
def test_admin_dashboard_refused_to_others(client, demo, login, username):
    login(username)
    # Wagtail turns "permission denied" into a redirect to the admin home with a message.
    for url in ("/admin/reports/", "/admin/reports/report.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/reports" not in response["Location"]


@pytest.mark.parametrize("username", ["communicator", "campaigns"])
def test_field_reports_not_found_for_others(client, demo, login, username):
    login(username)
    assert client.get("/field/reports/").status_code == 404
    assert client.get("/field/reports/report.xlsx").status_code == 404


def test_reports_need_login(client, demo):
    assert client.get("/field/reports/").status_code == 302
    assert client.get("/admin/reports/").status_code == 302


def test_field_dashboard_for_a_leader_shows_own_club_only(client, demo, login):
    login("leader-cao-xanh")
    response = client.get("/field/reports/" + YEAR_2024)
    assert response.status_code == 200
    form = response.context["form"]
    own = Club.objects.get(roles__user__username="leader-cao-xanh")
    assert list(form.fields["club"].queryset) == [own]
    # No ward, campaign or organiser filters, and no campaign figures for a club board.
    assert "ward" not in form.fields and "campaign" not in form.fields
    assert "campaign_sessions" not in response.context["report"].figures


def test_dashboard_queries_do_not_grow_with_the_period(client, demo, login):
    login("coordinator")
    client.get("/admin/reports/" + YEAR_2024)
    counts = []
    for query in (
        "?period=month&year=2024&month=3",
        YEAR_2024,
        "?period=custom&start=01/01/2022&end=31/12/2025",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/reports/" + query).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_bad_filters_say_why_and_fall_back(client, demo, login):
    login("coordinator")
    response = client.get("/admin/reports/?period=custom&start=31/12/2024&end=01/01/2024")
    assert response.status_code == 200
    assert "Ngày cuối kỳ đứng trước ngày đầu kỳ." in response.content.decode()
    bad = client.get("/admin/reports/report.xlsx?period=custom&start=31/12/2024&end=01/01/2024")
    assert bad.status_code == 400


def test_xlsx_has_a_sheet_per_section_and_vietnamese_headings(client, demo, login):
    login("coordinator")
    response = client.get("/admin/reports/report.xlsx" + YEAR_2024)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Sinh hoạt câu lạc bộ" in workbook.sheetnames
    assert "Người có nguy cơ" in workbook.sheetnames
    assert workbook.sheetnames[-1] == "Theo tháng"
    sheet = workbook["Sinh hoạt câu lạc bộ"]
    assert sheet["A1"].value.startswith("Báo cáo")
    assert sheet["A1"].value.endswith("01/01/2024 đến 31/12/2024 – Toàn tỉnh")
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["A6"].value == "Chỉ số"


def test_leader_xlsx_has_no_campaign_sheet(client, demo, login):
    login("leader-cao-xanh")
    response = client.get("/field/reports/report.xlsx" + YEAR_2024)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Chiến dịch truyền thông" not in workbook.sheetnames
    own = Club.objects.get(roles__user__username="leader-cao-xanh")
    assert workbook["Sinh hoạt câu lạc bộ"]["A1"].value.endswith(own.name)


def test_public_statistics_is_cacheable_and_personal_data_free(client, demo):
    response = client.get("/thong-ke/")
    assert response.status_code == 200
    assert response["X-SW-Cache"] == "public"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Set-Cookie" not in response or not response.cookies
    english = client.get("/en/statistics/")
    assert english.status_code == 200


def test_club_page_links_to_its_report(client, demo, login):
    login("leader-cao-xanh")
    own = Club.objects.get(roles__user__username="leader-cao-xanh")
    page = client.get(f"/field/clubs/{own.pk}/")
    assert f"/field/reports/?club={own.pk}".encode() in page.content
    report = client.get(f"/field/reports/?club={own.pk}")
    assert report.status_code == 200 and report.context["form"].is_valid()


def test_figures_link_to_records_only_where_the_user_may_see_them(client, demo, login):
    login("coordinator")
    figures = client.get("/admin/reports/" + YEAR_2024).context["report"].figures
    assert figures["cases_flagged"].url == "/admin/outreach/cases/"
    assert figures["meetings_held"].url == "/admin/clubs/meetings/"
    client.logout()
    login("leader-cao-xanh")
    own = Club.objects.get(roles__user__username="leader-cao-xanh")
    figures = client.get("/field/reports/" + YEAR_2024).context["report"].figures
    assert figures["cases_flagged"].url == f"/field/clubs/{own.pk}/cases/"
    assert figures["meetings_held"].url == f"/field/clubs/{own.pk}/"
    # Stock is the province's: a figure, but no link to the material register for a leader.
    assert figures["materials_stock"].url == ""


def test_long_ward_lists_become_a_name_box(client, demo, login, monkeypatch):
    """With thousands of wards (a whole country) the page carries no list: names are typed."""
    from outreach.reports.forms import NameLookupField, ReportFilterForm

    monkeypatch.setattr(ReportFilterForm, "LONGEST_LIST", 1)
    login("coordinator")
    response = client.get("/admin/reports/?period=year&year=2024&ward=hong gai")
    form = response.context["form"]
    assert isinstance(form.fields["ward"], NameLookupField)
    assert "<option" not in str(form["ward"])
    # Two units are called Hồng Gai (before and after 2025): the user is asked to choose.
    assert "ward" in form.errors
    new = form.fields["ward"].queryset.get(name="Hồng Gai", valid_to__isnull=True)
    chosen = client.get(f"/admin/reports/?period=year&year=2024&ward={new.pk}")
    assert chosen.context["form"].is_valid()
    assert chosen.context["report"].filters.ward == new
    missing = client.get("/admin/reports/?period=year&year=2024&ward=atlantis")
    assert "ward" in missing.context["form"].errors
