"""The demo clubs: what `make run` shows a coordinator and the five leaders."""

import datetime

import pytest
from django.db.models import Count

from clubs.models import Attendance, Club, ClubRole, Meeting, Member
from clubs.validators import LANDLINE, MOBILE

pytestmark = pytest.mark.django_db


def test_five_pilot_clubs_founded_in_may_2022(demo):
    clubs = Club.objects.select_related("ward")
    assert sorted(club.ward.name for club in clubs) == [
        "Bạch Đằng", "Cao Xanh", "Hùng Thắng", "Hồng Gai", "Tuần Châu",
    ]  # fmt: skip
    assert {(club.founded_on.year, club.founded_on.month) for club in clubs} == {(2022, 5)}


def test_each_club_has_15_to_30_members_with_valid_fictional_phones(demo):
    for club in Club.objects.annotate(n=Count("members")):
        assert 15 <= club.n <= 30
    phones = Member.objects.exclude(phone="").values_list("phone", flat=True)
    assert all(MOBILE.match(p) or LANDLINE.match(p) for p in phones)
    assert Member.objects.filter(category="survivor").exists()


def test_monthly_meetings_from_may_2022_with_realistic_attendance(demo):
    for club in Club.objects.all():
        monthly = club.meetings.filter(kind=Meeting.Kind.MONTHLY)
        assert monthly.order_by("held_on").first().held_on < datetime.date(2022, 6, 1)
        assert monthly.count() >= 40
    share = Attendance.objects.filter(present=True).count() / Attendance.objects.count()
    assert 0.6 < share < 0.95


def test_board_accounts_are_linked_to_their_clubs(demo):
    roles = set(ClubRole.objects.values_list("user__username", "role", "club__ward__name"))
    assert ("leader-cao-xanh", "leader", "Cao Xanh") in roles
    assert ("secretary-cao-xanh", "secretary", "Cao Xanh") in roles
    assert len(roles) == 6
