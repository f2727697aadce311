"""visible_clubs(): the one answer to "which clubs may this user see"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from clubs.access import club_board_role, is_board_or_coordinator, visible_clubs
from clubs.models import Club, ClubRole
from tests.clubs.factories import ClubRoleFactory

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


def test_coordinator_sees_every_club(demo):
    assert visible_clubs(user=user("coordinator")).count() == Club.objects.count() == 5


@pytest.mark.parametrize("username", ["leader-cao-xanh", "secretary-cao-xanh"])
def test_cao_xanh_board_sees_only_cao_xanh(cao_xanh, username):
    assert list(visible_clubs(user=user(username))) == [cao_xanh]


@pytest.mark.parametrize("username", ["communicator", "campaigns"])
def test_communicators_and_campaign_staff_see_no_club(demo, username):
    assert not visible_clubs(user=user(username)).exists()
    assert not is_board_or_coordinator(user=user(username))


def test_anonymous_sees_no_club(demo):
    assert not visible_clubs(user=AnonymousUser()).exists()


def test_a_plain_member_account_sees_no_member_data(cao_xanh):
    role = ClubRoleFactory(club=cao_xanh, role=ClubRole.Role.MEMBER)
    assert not visible_clubs(user=role.user).exists()
    assert not is_board_or_coordinator(user=role.user, club=cao_xanh)


def test_a_leader_of_two_clubs_sees_both(cao_xanh, hung_thang):
    leader = user("leader-cao-xanh")
    ClubRole.objects.create(user=leader, club=hung_thang, role=ClubRole.Role.SECRETARY)
    leader = user("leader-cao-xanh")
    assert set(visible_clubs(user=leader)) == {cao_xanh, hung_thang}
    assert club_board_role(user=leader, club=hung_thang) == "secretary"


def test_board_of_one_club_may_not_see_sensitive_members_of_another(cao_xanh, hung_thang):
    leader = user("leader-cao-xanh")
    assert is_board_or_coordinator(user=leader, club=cao_xanh)
    assert not is_board_or_coordinator(user=leader, club=hung_thang)


def test_a_deactivated_leader_sees_nothing(cao_xanh):
    leader = user("leader-cao-xanh")
    leader.is_active = False
    leader.save()
    assert not visible_clubs(user=user("leader-cao-xanh")).exists()


def test_removing_the_role_takes_effect_on_the_next_request(client, login, cao_xanh):
    login("leader-cao-xanh")
    assert client.get(f"/field/clubs/{cao_xanh.pk}/").status_code == 200
    ClubRole.objects.filter(user__username="leader-cao-xanh").delete()
    assert client.get(f"/field/clubs/{cao_xanh.pk}/").status_code == 404
    assert client.get("/admin/").status_code == 302


DEMO_LEADERS = {
    "leader-hung-thang": "Hùng Thắng",
    "leader-cao-xanh": "Cao Xanh",
    "leader-bach-dang": "Bạch Đằng",
    "leader-hong-gai": "Hồng Gai",
    "leader-tuan-chau": "Tuần Châu",
}


@pytest.mark.parametrize(("username", "ward"), DEMO_LEADERS.items())
def test_each_demo_leader_sees_only_their_own_club(demo, username, ward):
    assert list(visible_clubs(user=user(username))) == [Club.objects.get(name__endswith=ward)]


def test_the_five_demo_leaders_cover_the_five_clubs_once_each(demo):
    seen = [club.pk for name in DEMO_LEADERS for club in visible_clubs(user=user(name))]
    assert sorted(seen) == sorted(Club.objects.values_list("pk", flat=True))


def test_bach_dang_cannot_list_search_or_export_hong_gai_members(client, login, demo):
    """Since 2025 the two clubs share ward 06685: records are scoped by club, not ward."""
    from clubs.models import Member

    bach_dang = Club.objects.get(name__endswith="Bạch Đằng")
    hong_gai = Club.objects.get(name__endswith="Hồng Gai")
    theirs = Member.objects.filter(club=hong_gai).first()
    ours = Member.objects.filter(club=bach_dang).first()
    login("leader-bach-dang")

    listed = client.get("/admin/clubs/members/").context["object_list"]
    assert listed and {member.club_id for member in listed} == {bach_dang.pk}
    assert not client.get("/admin/clubs/members/", {"q": theirs.full_name}).context["object_list"]
    found = client.get("/admin/clubs/members/", {"q": ours.full_name}).context["object_list"]
    assert ours in found
    filtered = client.get("/admin/clubs/members/", {"club": hong_gai.pk})
    assert not filtered.context["object_list"] or {
        member.club_id for member in filtered.context["object_list"]
    } == {bach_dang.pk}
    for export in ("csv", "xlsx"):
        response = client.get("/admin/clubs/members/", {"export": export})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        if export == "csv":
            text = body.decode("utf-8-sig")
            assert ours.full_name in text and str(bach_dang) in text
            assert theirs.full_name not in text and str(hong_gai) not in text
    for url in [
        f"/admin/clubs/members/edit/{theirs.pk}/",
        f"/field/clubs/{hong_gai.pk}/",
        f"/field/clubs/{hong_gai.pk}/roster.json",
        f"/field/members/{theirs.pk}/edit/",
    ]:
        assert client.get(url).status_code == 404, url
