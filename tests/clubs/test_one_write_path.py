"""One write path for the clubs' records: the admin writes members and meetings through
``clubs.services`` like the field app does, so the rows, the dates and the clean-up agree."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from clubs import services
from clubs.models import Meeting, Member
from tests.factories import make_jpeg

pytestmark = pytest.mark.django_db

MEMBER_FIELDS = ["club_id", "full_name", "full_name_folded", "category", "phone", "created_by_id"]


def _add_member(client, club, path):
    values = {
        "full_name": "  Vũ   Thị  Hạnh ",
        "category": "volunteer",
        "phone": "+84 912 000 321",
        "residential_area": "Tổ 3",
    }
    if path == "admin":
        data = nested_form_data(
            {
                **values,
                "club": club.pk,
                "memberships": inline_formset(
                    [{"board_role": "member", "joined_on": "01/03/2024", "left_on": ""}]
                ),
            }
        )
        return client.post("/admin/clubs/members/new/", data)
    return client.post(
        f"/field/clubs/{club.pk}/members/new/",
        {**values, "board_role": "member", "joined_on": "01/03/2024"},
    )


@pytest.mark.parametrize("path", ["admin", "field"])
def test_a_member_is_written_alike_from_the_admin_and_the_phone(client, login, cao_xanh, path):
    leader = login("leader-cao-xanh")
    response = _add_member(client, cao_xanh, path)
    assert response.status_code == 302, response.context and response.context["form"].errors
    member = Member.objects.get(club=cao_xanh, phone="0912000321")
    assert {name: getattr(member, name) for name in MEMBER_FIELDS} == {
        "club_id": cao_xanh.pk,
        "full_name": "Vũ Thị Hạnh",
        "full_name_folded": "vu thi hanh",
        "category": "volunteer",
        "phone": "0912000321",
        "created_by_id": leader.pk,
    }
    (membership,) = member.memberships.all()
    assert (membership.board_role, membership.joined_on, membership.left_on) == (
        "member",
        datetime.date(2024, 3, 1),
        None,
    )


def _meeting(club, user, **extra):
    day = timezone.localdate() - datetime.timedelta(days=1)
    while club.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    return services.meeting_create(
        club=club, created_by=user, held_on=day, kind="monthly", topics="Việc làm", **extra
    )


def test_deleting_a_meeting_in_the_admin_removes_its_photo_files(
    client, login, cao_xanh, django_capture_on_commit_callbacks
):
    coordinator = login("coordinator")
    upload = SimpleUploadedFile("a.jpg", make_jpeg().getvalue(), content_type="image/jpeg")
    meeting = _meeting(cao_xanh, coordinator, photos=[upload])
    (photo,) = meeting.photos.all()
    storage, name = photo.file.storage, photo.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/clubs/meetings/delete/{meeting.pk}/")
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not storage.exists(name), "the photo of a deleted meeting stayed on disk"


def _edit_data(meeting, **changes):
    return {
        "club": meeting.club_id,
        "held_on": meeting.held_on.strftime("%d/%m/%Y"),
        "kind": meeting.kind,
        "topics": meeting.topics,
        "place": "Nhà văn hoá tổ 5",
        "guests_count": 0,
        "materials": "",
        "minutes": "",
        **changes,
    }


def test_the_admin_keeps_the_attendance_the_phone_recorded(client, login, cao_xanh):
    coordinator = login("coordinator")
    present = [member.pk for member in cao_xanh.members.all()[:2]]
    meeting = _meeting(cao_xanh, coordinator, present_member_ids=present)
    before = sorted(meeting.attendances.values_list("member_id", "present"))
    response = client.post(f"/admin/clubs/meetings/edit/{meeting.pk}/", _edit_data(meeting))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Nhà văn hoá tổ 5"
    assert meeting.version == 2
    assert sorted(meeting.attendances.values_list("member_id", "present")) == before


def test_a_leader_corrects_in_the_admin_within_the_seven_days_as_on_the_phone(
    client, login, cao_xanh
):
    leader = login("leader-cao-xanh")
    meeting = _meeting(
        cao_xanh,
        leader,
        logged_at=timezone.now() - datetime.timedelta(days=Meeting.EDITABLE_DAYS + 1),
    )
    response = client.post(f"/admin/clubs/meetings/edit/{meeting.pk}/", _edit_data(meeting))
    assert response.status_code == 200
    assert "7 ngày" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == ""


def test_a_coordinator_corrects_an_old_meeting_in_the_admin(client, login, cao_xanh):
    coordinator = login("coordinator")
    meeting = _meeting(
        cao_xanh,
        coordinator,
        logged_at=timezone.now() - datetime.timedelta(days=Meeting.EDITABLE_DAYS + 30),
    )
    response = client.post(f"/admin/clubs/meetings/edit/{meeting.pk}/", _edit_data(meeting))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Nhà văn hoá tổ 5"


def test_moving_a_meeting_to_another_club_is_refused_with_what_was_typed_kept(
    client, login, cao_xanh, hung_thang
):
    coordinator = login("coordinator")
    meeting = _meeting(cao_xanh, coordinator)
    response = client.post(
        f"/admin/clubs/meetings/edit/{meeting.pk}/", _edit_data(meeting, club=hung_thang.pk)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nhà văn hoá tổ 5" in page
    assert response.context["form"].errors["club"]
    meeting.refresh_from_db()
    assert (meeting.club_id, meeting.place) == (cao_xanh.pk, "")
