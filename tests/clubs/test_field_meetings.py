"""Logging and correcting a meeting in the field app."""

import datetime
import re

import pytest
from django.utils import timezone

from clubs import services
from clubs.models import Attendance, Meeting
from clubs.selectors import club_roster

pytestmark = pytest.mark.django_db


def free_day(club) -> datetime.date:
    """A past day with no meeting of *club* yet."""
    day = timezone.localdate() - datetime.timedelta(days=1)
    while club.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    return day


def meeting_data(club, day, **extra):
    return {
        "held_on": day.strftime("%d/%m/%Y"),
        "kind": "monthly",
        "topics": "Nhận diện lời mời việc nhẹ lương cao",
        "place": "Nhà văn hóa khu 2",
        "guests_count": "2",
        "materials": "",
        "minutes": "",
        **extra,
    }


def test_leader_logs_a_meeting_with_three_absentees(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    roster = list(club_roster(club=cao_xanh))
    day = free_day(cao_xanh)
    present = [str(member.pk) for member in roster[3:]]
    response = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/",
        meeting_data(cao_xanh, day, present=present),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/field/clubs/{cao_xanh.pk}/"
    meeting = Meeting.objects.get(club=cao_xanh, held_on=day)
    assert meeting.created_by == leader
    assert meeting.attendances.filter(present=False).count() == 3
    assert meeting.attendances.filter(present=True).count() == len(roster) - 3
    page = client.get(response["Location"]).content.decode()
    assert day.strftime("%d/%m/%Y") in page
    assert "Đã lưu buổi sinh hoạt." in page


def test_errors_keep_what_was_typed_and_say_it_in_vietnamese(client, login, cao_xanh):
    login("leader-cao-xanh")
    roster = list(club_roster(club=cao_xanh))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/",
        meeting_data(
            cao_xanh,
            tomorrow,
            topics="Chuẩn bị ngày 30/7",
            present=[str(roster[0].pk)],
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chuẩn bị ngày 30/7" in page
    assert "Nhà văn hóa khu 2" in page
    assert re.search(rf'name="present" value="{roster[0].pk}"[^>]*checked', page)
    assert not re.search(rf'name="present" value="{roster[1].pk}"[^>]*checked', page)
    assert "Ngày sinh hoạt không thể ở tương lai." in page
    assert not Meeting.objects.filter(held_on=tomorrow).exists()


def test_messages_are_in_english_under_en(client, login, cao_xanh):
    login("leader-cao-xanh")
    response = client.post(
        f"/en/field/clubs/{cao_xanh.pk}/meetings/new/",
        meeting_data(cao_xanh, timezone.localdate() + datetime.timedelta(days=1)),
    )
    assert "The meeting date cannot be in the future." in response.content.decode()


def test_a_second_meeting_on_the_same_day_is_refused(client, login, cao_xanh):
    login("leader-cao-xanh")
    taken = cao_xanh.meetings.first().held_on
    response = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/", meeting_data(cao_xanh, taken)
    )
    assert response.status_code == 200
    assert "CLB đã có một buổi sinh hoạt vào ngày này." in response.content.decode()


def test_mark_all_present_without_javascript_ticks_everyone_and_keeps_the_rest(
    client, login, cao_xanh
):
    login("leader-cao-xanh")
    roster = list(club_roster(club=cao_xanh))
    response = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/",
        {**meeting_data(cao_xanh, free_day(cao_xanh), topics="Rà soát khu 4"), "mark_all": "1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert len(re.findall(r'name="present" value="\d+"[^>]*checked', page)) == len(roster)
    assert "Rà soát khu 4" in page
    assert "error" not in page.split("<form", 1)[1].split("</form>")[0].replace("form-errors", "")


def _logged_meeting(club, leader, **kwargs):
    roster = list(club_roster(club=club))
    return services.meeting_create(
        club=club,
        created_by=leader,
        held_on=free_day(club),
        kind="monthly",
        topics="Buổi thử",
        present_member_ids=[m.pk for m in roster],
        **kwargs,
    )


def test_a_meeting_can_be_corrected_within_seven_days(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    meeting = _logged_meeting(cao_xanh, leader)
    form = client.get(f"/field/meetings/{meeting.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form
    roster = list(club_roster(club=cao_xanh))
    response = client.post(
        f"/field/meetings/{meeting.pk}/edit/",
        meeting_data(
            cao_xanh,
            meeting.held_on,
            topics="Buổi thử (đã sửa)",
            version="1",
            present=[str(m.pk) for m in roster[1:]],
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.topics == "Buổi thử (đã sửa)"
    assert meeting.version == 2
    assert list(meeting.attendances.filter(present=False).values_list("member", flat=True)) == [
        roster[0].pk
    ]


def test_a_stale_version_is_refused_and_keeps_the_newer_edit(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    meeting = _logged_meeting(cao_xanh, leader)
    Meeting.objects.filter(pk=meeting.pk).update(version=2, topics="Sửa từ máy khác")
    response = client.post(
        f"/field/meetings/{meeting.pk}/edit/",
        meeting_data(cao_xanh, meeting.held_on, topics="Bản cũ", version="1"),
    )
    assert response.status_code == 200
    assert "Có người đã sửa buổi sinh hoạt này" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.topics == "Sửa từ máy khác"


def test_after_seven_days_the_meeting_cannot_be_corrected(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    meeting = _logged_meeting(cao_xanh, leader)
    Meeting.objects.filter(pk=meeting.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert (
        "Sửa buổi sinh hoạt này"
        not in client.get(f"/field/meetings/{meeting.pk}/").content.decode()
    )
    response = client.post(
        f"/field/meetings/{meeting.pk}/edit/",
        meeting_data(cao_xanh, meeting.held_on, topics="Quá hạn", version="1"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.topics == "Buổi thử"


def test_the_same_client_uuid_is_stored_once(client, login, cao_xanh):
    login("leader-cao-xanh")
    uuid = "8d5c3e61-9b8f-4a55-9d8e-6f2a0f3b7c11"
    day = free_day(cao_xanh)
    first = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/", meeting_data(cao_xanh, day, client_uuid=uuid)
    )
    assert first.status_code == 302
    again = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/",
        meeting_data(cao_xanh, day - datetime.timedelta(days=1), client_uuid=uuid),
    )
    # The UUID was used for other content: a conflict, nothing new stored.
    assert again.status_code == 409
    assert Meeting.objects.filter(client_uuid=uuid).count() == 1
    # The same content again is a replay: back to the club page, still one meeting.
    replay = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/", meeting_data(cao_xanh, day, client_uuid=uuid)
    )
    assert replay.status_code == 302
    assert Meeting.objects.filter(client_uuid=uuid).count() == 1


def test_meeting_page_lists_who_was_there_and_who_was_not(client, login, cao_xanh):
    leader = login("leader-cao-xanh")
    roster = list(club_roster(club=cao_xanh))
    meeting = services.meeting_create(
        club=cao_xanh,
        created_by=leader,
        held_on=free_day(cao_xanh),
        kind="training",
        topics="Tập huấn kỹ năng",
        present_member_ids=[roster[0].pk],
    )
    page = client.get(f"/field/meetings/{meeting.pk}/").content.decode()
    present_block = page.split("data-present", 1)[1].split("</ul>")[0]
    absent_block = page.split("data-absent", 1)[1].split("</ul>")[0]
    assert roster[0].full_name in present_block
    assert roster[1].full_name in absent_block
    assert Attendance.objects.filter(meeting=meeting).count() == len(roster)
