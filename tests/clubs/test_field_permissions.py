"""Every field-app view, for every kind of user: the own club's board and coordinators get
in; anyone else gets a login page (anonymous) or "not found", whatever ID they guess."""

import pytest

from clubs.models import Meeting, MeetingPhoto, Member
from tests.accounts import NO_CLUB_DATA, OTHER_CLUB_LEADER, OWN_BOARD
from tests.clubs.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cao_xanh_records(cao_xanh):
    """A Cao Xanh member, a meeting logged today (still editable) and its photo."""
    from django.core.files.base import ContentFile

    meeting = MeetingFactory(
        club=cao_xanh, held_on=cao_xanh.meetings.first().held_on.replace(day=2)
    )
    photo = MeetingPhoto(meeting=meeting, width=10, height=10)
    photo.file.save("p.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    photo.save()
    return {
        "club": cao_xanh.pk,
        "member": Member.objects.filter(club=cao_xanh).first().pk,
        "meeting": meeting.pk,
        "photo": photo.pk,
    }


VIEWS = [
    ("/field/clubs/{club}/", "club"),
    ("/field/clubs/{club}/meetings/new/", "club"),
    ("/field/clubs/{club}/members/new/", "club"),
    ("/field/meetings/{meeting}/", "meeting"),
    ("/field/meetings/{meeting}/edit/", "meeting"),
    ("/field/members/{member}/edit/", "member"),
    ("/field/photos/{photo}/", "photo"),
]


@pytest.mark.parametrize(("url", "kind"), VIEWS)
def test_anonymous_is_sent_to_the_field_login(client, cao_xanh_records, url, kind):
    response = client.get(url.format(**cao_xanh_records))
    assert response.status_code == 302
    assert response["Location"].startswith("/field/login/?next=")


@pytest.mark.parametrize("username", [*NO_CLUB_DATA, OTHER_CLUB_LEADER])
@pytest.mark.parametrize(("url", "kind"), VIEWS)
def test_others_get_not_found(client, login, cao_xanh_records, url, kind, username):
    login(username)
    assert client.get(url.format(**cao_xanh_records)).status_code == 404


@pytest.mark.parametrize("username", [*OWN_BOARD, "coordinator"])
@pytest.mark.parametrize(("url", "kind"), VIEWS)
def test_own_board_and_coordinator_get_in(client, login, cao_xanh_records, url, kind, username):
    login(username)
    response = client.get(url.format(**cao_xanh_records))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "X-SW-Cache" not in response


@pytest.mark.parametrize("username", [*NO_CLUB_DATA, OTHER_CLUB_LEADER])
def test_posting_to_another_club_is_not_found_and_writes_nothing(client, login, cao_xanh, username):
    login(username)
    before = Meeting.objects.count(), Member.objects.count()
    assert (
        client.post(
            f"/field/clubs/{cao_xanh.pk}/meetings/new/",
            {"held_on": "01/02/2024", "kind": "monthly", "topics": "x", "guests_count": 0},
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/field/clubs/{cao_xanh.pk}/members/new/",
            {"full_name": "Lê Văn Thử", "category": "volunteer", "board_role": "member"},
        ).status_code
        == 404
    )
    assert (Meeting.objects.count(), Member.objects.count()) == before


@pytest.mark.parametrize("username", NO_CLUB_DATA)
def test_staff_without_club_data_see_an_empty_field_home(client, login, demo, username):
    login(username)
    response = client.get("/field/")
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    assert "mua bán người phường" not in main
    assert "Tài khoản của bạn chưa thuộc ban chủ nhiệm CLB nào." in main


def test_the_board_lands_on_its_club(client, login, cao_xanh):
    login("secretary-cao-xanh")
    response = client.get("/field/")
    assert response.status_code == 302
    assert response["Location"] == f"/field/clubs/{cao_xanh.pk}/"


def test_the_coordinator_sees_all_clubs_and_who_is_overdue(client, login, demo):
    login("coordinator")
    page = client.get("/field/").content.decode()
    for ward in ["Hùng Thắng", "Cao Xanh", "Bạch Đằng", "Hồng Gai", "Tuần Châu"]:
        assert ward in page
    assert page.count("badge--overdue") == 2
