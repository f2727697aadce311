"""visible_clubs(): the one answer to "which clubs may this user see"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from clubs.access import can_see_sensitive_members, club_board_role, visible_clubs
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
    assert not can_see_sensitive_members(user=user(username))


def test_anonymous_sees_no_club(demo):
    assert not visible_clubs(user=AnonymousUser()).exists()


def test_a_plain_member_account_sees_no_member_data(cao_xanh):
    role = ClubRoleFactory(club=cao_xanh, role=ClubRole.Role.MEMBER)
    assert not visible_clubs(user=role.user).exists()
    assert not can_see_sensitive_members(user=role.user, club=cao_xanh)


def test_a_leader_of_two_clubs_sees_both(cao_xanh, hung_thang):
    leader = user("leader-cao-xanh")
    ClubRole.objects.create(user=leader, club=hung_thang, role=ClubRole.Role.SECRETARY)
    leader = user("leader-cao-xanh")
    assert set(visible_clubs(user=leader)) == {cao_xanh, hung_thang}
    assert club_board_role(user=leader, club=hung_thang) == "secretary"


def test_board_of_one_club_may_not_see_sensitive_members_of_another(cao_xanh, hung_thang):
    leader = user("leader-cao-xanh")
    assert can_see_sensitive_members(user=leader, club=cao_xanh)
    assert not can_see_sensitive_members(user=leader, club=hung_thang)


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
