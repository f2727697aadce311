"""The member register in the field app: add, correct, phones, board roles, who sees what."""

import datetime

import pytest
from django.utils import timezone

from clubs.models import Member
from clubs.selectors import club_roster
from tests.clubs.factories import MemberFactory

pytestmark = pytest.mark.django_db


def add(client, club, **data):
    return client.post(
        f"/field/clubs/{club.pk}/members/new/",
        {"category": "volunteer", "board_role": "member", "joined_on": "01/03/2024", **data},
    )


def test_leader_adds_a_member_who_joins_the_roster(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    response = add(client, cao_xanh, full_name="  Ngô   Thị  Ánh ", phone="+84 912 345 670")
    assert response.status_code == 302
    member = Member.objects.get(club=cao_xanh, phone="0912345670")
    assert member.full_name == "Ngô Thị Ánh"
    assert member.full_name_folded == "ngo thi anh"
    assert member.created_by == leader
    assert member in club_roster(club=cao_xanh)


def test_names_typed_decomposed_are_stored_composed(client, login, cao_xanh):
    login("leader-cao-xanh")
    add(client, cao_xanh, full_name="Ho\u0302\u0300 Thi\u0323 Lan", phone="0987000111")
    assert Member.objects.get(phone="0987000111").full_name == "Hồ Thị Lan"


@pytest.mark.parametrize("phone", ["12345", "0112345678", "09123456789", "abc"])
def test_a_phone_that_is_not_vietnamese_is_refused_and_the_form_kept(
    client, login, cao_xanh, phone
):
    login("leader-cao-xanh")
    response = add(client, cao_xanh, full_name="Đỗ Văn Sai", phone=phone)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nhập số điện thoại Việt Nam" in page
    assert "Đỗ Văn Sai" in page


@pytest.mark.parametrize("phone", ["0203 3825 111", "0868123456", "032 123 4567"])
def test_mobiles_and_quang_ninh_landlines_are_accepted(client, login, cao_xanh, phone):
    login("leader-cao-xanh")
    assert add(client, cao_xanh, full_name="Lý Văn Đúng", phone=phone).status_code == 302


def test_the_same_phone_twice_in_a_club_is_refused(client, login, cao_xanh):
    login("leader-cao-xanh")
    taken = Member.objects.filter(club=cao_xanh).exclude(phone="").first().phone
    response = add(client, cao_xanh, full_name="Người Trùng Số", phone=taken)
    assert "CLB đã có một thành viên dùng số điện thoại này." in response.content.decode()


def test_a_new_board_role_starts_a_new_membership_period(client, login, cao_xanh):
    login("leader-cao-xanh")
    member = MemberFactory(club=cao_xanh)
    response = client.post(
        f"/field/members/{member.pk}/edit/",
        {
            "full_name": member.full_name,
            "category": member.category,
            "phone": member.phone,
            "board_role": "vice_chair",
        },
    )
    assert response.status_code == 302
    periods = list(member.memberships.order_by("joined_on"))
    assert [p.board_role for p in periods] == ["member", "vice_chair"]
    assert periods[0].left_on == timezone.localdate() - datetime.timedelta(days=1)
    assert periods[1].left_on is None


def test_a_member_who_left_is_off_the_roster(client, login, cao_xanh):
    login("leader-cao-xanh")
    member = MemberFactory(club=cao_xanh)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        f"/field/members/{member.pk}/edit/",
        {
            "full_name": member.full_name,
            "category": member.category,
            "phone": member.phone,
            "board_role": "member",
            "left_on": yesterday.strftime("%d/%m/%Y"),
        },
    )
    assert member not in club_roster(club=cao_xanh)
    assert member in club_roster(club=cao_xanh, on=yesterday)


def test_the_board_sees_phones_and_sensitive_categories(client, login, cao_xanh):
    survivor = MemberFactory(club=cao_xanh, category="survivor", phone="0977000123")
    login("secretary-cao-xanh")
    page = client.get(f"/field/clubs/{cao_xanh.pk}/").content.decode()
    assert survivor.full_name in page
    assert "0977000123" in page
    assert "nạn nhân bị mua bán" in page


def test_members_are_listed_by_given_name_in_vietnamese_order(client, login, cao_xanh):
    Member.objects.filter(club=cao_xanh).delete()
    for name in ["Trần Văn Đức", "Lê Thị Dung", "Phạm Thị Ánh", "Vũ Văn Ân", "Bùi Thị Anh"]:
        MemberFactory(club=cao_xanh, full_name=name)
    login("leader-cao-xanh")
    page = client.get(f"/field/clubs/{cao_xanh.pk}/").content.decode()
    order = sorted(
        ["Trần Văn Đức", "Lê Thị Dung", "Phạm Thị Ánh", "Vũ Văn Ân", "Bùi Thị Anh"],
        key=page.index,
    )
    assert order == ["Bùi Thị Anh", "Phạm Thị Ánh", "Vũ Văn Ân", "Lê Thị Dung", "Trần Văn Đức"]
