"""A club with no monthly meeting logged by the 5th of the next month is overdue."""

import datetime

import pytest

from clubs.models import Meeting
from clubs.selectors import clubs_with_meeting_status, meeting_due, month_due_on
from tests.clubs.factories import ClubFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (datetime.date(2024, 3, 5), datetime.date(2024, 1, 1)),
        (datetime.date(2024, 3, 6), datetime.date(2024, 2, 1)),
        (datetime.date(2024, 1, 20), datetime.date(2023, 12, 1)),
        (datetime.date(2024, 1, 2), datetime.date(2023, 11, 1)),
    ],
)
def test_the_month_that_must_be_logged_by_now(today, due):
    assert month_due_on(today=today) == due


def test_february_is_due_by_5_march():
    club = ClubFactory(founded_on=datetime.date(2022, 5, 5))
    MeetingFactory(club=club, held_on=datetime.date(2024, 1, 20))
    assert not meeting_due(club=club, today=datetime.date(2024, 3, 5)).is_overdue
    late = meeting_due(club=club, today=datetime.date(2024, 3, 6))
    assert late.is_overdue
    assert late.overdue_month == datetime.date(2024, 2, 1)


def test_logging_the_meeting_late_clears_the_overdue_mark():
    club = ClubFactory()
    MeetingFactory(club=club, held_on=datetime.date(2024, 2, 27))
    due = meeting_due(club=club, today=datetime.date(2024, 3, 20))
    assert not due.is_overdue
    assert due.next_month == datetime.date(2024, 3, 1)
    assert due.next_due_on == datetime.date(2024, 4, 5)


def test_only_a_monthly_meeting_counts():
    club = ClubFactory()
    MeetingFactory(club=club, held_on=datetime.date(2024, 2, 10), kind=Meeting.Kind.TRAINING)
    assert meeting_due(club=club, today=datetime.date(2024, 3, 10)).is_overdue


def test_a_club_founded_this_month_or_paused_is_not_overdue():
    new = ClubFactory(founded_on=datetime.date(2024, 3, 1))
    assert not meeting_due(club=new, today=datetime.date(2024, 3, 20)).is_overdue
    paused = ClubFactory(status="paused")
    assert not meeting_due(club=paused, today=datetime.date(2024, 3, 20)).is_overdue


def test_demo_has_two_overdue_clubs_and_the_club_page_says_so(client, login, demo):
    clubs = list(clubs_with_meeting_status(__import__("clubs.models").models.Club.objects.all()))
    overdue = sorted(c.ward.name for c in clubs if meeting_due(club=c).is_overdue)
    assert overdue == ["Bạch Đằng", "Tuần Châu"]
    login("leader-tuan-chau")
    page = client.get("/field/", follow=True).content.decode()
    assert "Quá hạn: chưa ghi buổi sinh hoạt tháng" in page


def test_status_of_many_clubs_costs_the_same_queries(django_assert_max_num_queries):
    for _ in range(6):
        ClubFactory()
    from clubs.models import Club

    with django_assert_max_num_queries(1):
        for club in clubs_with_meeting_status(Club.objects.all()):
            meeting_due(club=club)
