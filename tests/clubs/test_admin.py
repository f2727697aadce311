"""The clubs admin: scoped listings, exports, choice lists, object URLs, folded search."""

import csv
import io

import openpyxl
import pytest

from clubs.models import Club, Meeting, Member
from tests.accounts import NO_CLUB_DATA, OTHER_CLUB_LEADER, OWN_BOARD

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/admin/clubs/clubs/",
    "/admin/clubs/members/",
    "/admin/clubs/meetings/",
]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def export_rows(client, url) -> list[list[str]]:
    response = client.get(url + ("&" if "?" in url else "?") + "export=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(body(response))))


@pytest.mark.parametrize("url", LISTINGS)
def test_anonymous_is_sent_to_the_admin_login(client, demo, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("username", NO_CLUB_DATA)
@pytest.mark.parametrize("url", LISTINGS)
def test_communicators_and_campaign_staff_are_kept_out(client, login, demo, url, username):
    login(username)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert client.get(url, {"export": "csv"}).status_code in (302, 403)


@pytest.mark.parametrize("username", NO_CLUB_DATA)
def test_staff_without_club_data_import_no_member_or_meeting_sheet(client, login, demo, username):
    """Campaign staff import campaign activities and handouts (outreach), never club sheets."""
    login(username)
    response = client.get("/admin/clubs/import/")
    if response.status_code == 200:
        assert not {"members", "meetings"} & set(response.context["kinds"])
        assert client.get("/admin/clubs/import/template/members.xlsx").status_code in (302, 403)
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("username", NO_CLUB_DATA)
def test_staff_menu_has_no_clubs_for_communicators(client, login, demo, username):
    login(username)
    assert "/admin/clubs/members/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("username", OWN_BOARD)
def test_board_listings_and_exports_hold_only_their_club(client, login, cao_xanh, username):
    login(username)
    others = Member.objects.exclude(club=cao_xanh)
    page = client.get("/admin/clubs/members/").content.decode()
    assert Member.objects.filter(club=cao_xanh).first().full_name in page
    rows = export_rows(client, "/admin/clubs/members/")
    assert len(rows) - 1 == Member.objects.filter(club=cao_xanh).count()
    assert {row[1] for row in rows[1:]} == {cao_xanh.name}
    exported_phones = {row[3] for row in rows[1:]}
    assert not exported_phones & set(others.exclude(phone="").values_list("phone", flat=True))
    meeting_rows = export_rows(client, "/admin/clubs/meetings/")
    assert len(meeting_rows) - 1 == Meeting.objects.filter(club=cao_xanh).count()
    club_rows = export_rows(client, "/admin/clubs/clubs/")
    assert [row[0] for row in club_rows[1:]] == [cao_xanh.name]


def test_coordinator_sees_and_exports_every_club(client, login, demo):
    login("coordinator")
    rows = export_rows(client, "/admin/clubs/members/")
    assert len(rows) - 1 == Member.objects.count()
    assert rows[0] == ["Họ và tên", "Câu lạc bộ", "Phân loại", "Số điện thoại", "Tổ dân, khu phố"]
    response = client.get("/admin/clubs/meetings/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body_bytes(response))).active
    assert sheet.max_row - 1 == Meeting.objects.count()


def body_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "path",
    [
        "/admin/clubs/members/edit/{member}/",
        "/admin/clubs/members/delete/{member}/",
        "/admin/clubs/members/history/{member}/",
        "/admin/clubs/members/usage/{member}/",
        "/admin/clubs/meetings/edit/{meeting}/",
        "/admin/clubs/clubs/edit/{club}/",
    ],
)
def test_another_clubs_record_is_not_found(client, login, cao_xanh, hung_thang, path):
    ids = {
        "member": Member.objects.filter(club=cao_xanh).first().pk,
        "meeting": Meeting.objects.filter(club=cao_xanh).first().pk,
        "club": cao_xanh.pk,
    }
    login(OTHER_CLUB_LEADER)
    assert client.get(path.format(**ids)).status_code == 404
    login("leader-cao-xanh")
    assert client.get(path.format(**ids)).status_code in (200, 302, 403)


def test_the_own_leader_edits_a_member_in_the_admin(client, login, cao_xanh):
    login("leader-cao-xanh")
    member = Member.objects.filter(club=cao_xanh).first()
    assert client.get(f"/admin/clubs/members/edit/{member.pk}/").status_code == 200


def test_club_choice_lists_offer_only_visible_clubs(client, login, cao_xanh):
    login("leader-cao-xanh")
    for url in ["/admin/clubs/members/new/", "/admin/clubs/meetings/new/"]:
        page = client.get(url).content.decode()
        assert cao_xanh.name in page
        for other in Club.objects.exclude(pk=cao_xanh.pk):
            assert other.name not in page, url
    listing = client.get("/admin/clubs/meetings/").content.decode()
    for other in Club.objects.exclude(pk=cao_xanh.pk):
        assert other.name not in listing


def test_a_leader_cannot_add_a_member_to_another_club_by_posting_its_id(
    client, login, cao_xanh, hung_thang
):
    login("leader-cao-xanh")
    before = Member.objects.filter(club=hung_thang).count()
    response = client.post(
        "/admin/clubs/members/new/",
        {
            "club": hung_thang.pk,
            "full_name": "Kẻ Lạ",
            "category": "volunteer",
            "phone": "",
            "residential_area": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "1",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-board_role": "member",
            "memberships-0-joined_on": "01/01/2024",
        },
    )
    assert response.status_code == 200
    assert Member.objects.filter(club=hung_thang).count() == before


def test_club_roles_are_for_coordinators_only(client, login, demo):
    login("leader-cao-xanh")
    assert client.get("/admin/clubs/roles/").status_code == 302
    login("coordinator")
    assert "secretary-cao-xanh" in client.get("/admin/clubs/roles/").content.decode()


@pytest.mark.parametrize("query", ["hong gai", "Hồng Gai", "HONG GAI", "hồng  gai"])
def test_search_matches_with_or_without_diacritics(client, login, demo, query):
    login("coordinator")
    page = client.get("/admin/clubs/clubs/", {"q": query}).content.decode()
    assert "phường Hồng Gai" in page
    assert "phường Tuần Châu" not in page


def test_member_search_finds_nguyen_without_accents(client, login, cao_xanh):
    login("leader-cao-xanh")
    rows = export_rows(client, "/admin/clubs/members/?q=nguyen")
    assert rows[1:]
    assert all(row[0].startswith("Nguyễn") or "Nguyễn" in row[0] for row in rows[1:])


def test_meetings_filter_by_date_range_and_kind(client, login, demo):
    login("coordinator")
    rows = export_rows(
        client,
        "/admin/clubs/meetings/?held_on_from=01/07/2023&held_on_to=31/07/2023&kind=community",
    )
    assert len(rows) - 1 == 5
    assert {row[0] for row in rows[1:]} == {"29/07/2023"}


def test_members_filter_by_ward_and_category(client, login, cao_xanh):
    login("coordinator")
    rows = export_rows(
        client, f"/admin/clubs/members/?ward={cao_xanh.ward_id}&category=social_work"
    )
    expected = Member.objects.filter(club=cao_xanh, category="social_work").count()
    assert len(rows) - 1 == expected > 0


def test_without_the_right_to_sensitive_data_phones_and_categories_leave_the_export(
    client, login, cao_xanh, monkeypatch
):
    """Defence in depth: if the board lost the right to sensitive data, the columns go."""
    monkeypatch.setattr("clubs.scoped_admin.is_board_or_coordinator", lambda **kwargs: False)
    monkeypatch.setattr("clubs.viewsets.is_board_or_coordinator", lambda **kwargs: False)
    login("leader-cao-xanh")
    rows = export_rows(client, "/admin/clubs/members/")
    assert rows[0] == ["Họ và tên", "Câu lạc bộ", "Tổ dân, khu phố"]
    page = client.get("/admin/clubs/members/").content.decode()
    phone = Member.objects.filter(club=cao_xanh).exclude(phone="").first().phone
    assert phone not in page
    assert "nạn nhân bị mua bán" not in page


def test_member_names_stay_out_of_the_site_history_of_other_clubs(client, login, cao_xanh):
    login("coordinator")
    response = client.post(
        "/admin/clubs/members/new/",
        {
            "club": cao_xanh.pk,
            "full_name": "Hoàng Thị Bímật",
            "category": "survivor",
            "phone": "0912000999",
            "residential_area": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "1",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-board_role": "member",
            "memberships-0-joined_on": "01/01/2024",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(phone="0912000999")
    history = client.get("/admin/reports/site-history/").content.decode()
    assert f"Thành viên #{member.pk}" in history
    for username in [OTHER_CLUB_LEADER, "coordinator"]:
        login(username)
        assert "Bímật" not in client.get("/admin/reports/site-history/").content.decode()
