"""Meeting photos: real images only, made small, stripped of GPS, shown only to the club."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from clubs import services
from clubs.models import Meeting, MeetingPhoto
from tests.clubs.factories import MeetingFactory
from tests.factories import make_jpeg

pytestmark = pytest.mark.django_db


def upload(name="anh.jpg", **kwargs):
    return SimpleUploadedFile(name, make_jpeg(**kwargs).getvalue(), content_type="image/jpeg")


@pytest.fixture
def meeting(cao_xanh):
    return MeetingFactory(club=cao_xanh, held_on=datetime.date(2022, 5, 31))


def test_a_phone_photo_is_resized_and_loses_its_gps_position(meeting):
    original = upload(exif_gps=True)
    assert Image.open(original).getexif().get_ifd(0x8825)  # the test photo does carry GPS
    original.seek(0)
    photo = services.meeting_photo_add(meeting=meeting, upload=original)
    with photo.file.open("rb") as handle:
        stored = Image.open(handle)
        stored.load()
    assert max(stored.size) == 1600
    assert (photo.width, photo.height) == stored.size == (1600, 1200)
    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert not stored.info.get("exif")


def test_the_photo_is_kept_outside_the_public_media_folder(meeting, settings):
    photo = services.meeting_photo_add(meeting=meeting, upload=upload())
    assert not photo.file.path.startswith(str(settings.MEDIA_ROOT))
    assert photo.file.path.startswith(str(settings.STORAGES["private"]["OPTIONS"]["location"]))
    assert "/media/" not in photo.get_absolute_url()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.jpg", b"MZ\x90\x00 this is not a picture"),
        ("trang.jpg", b"<html><script>alert(1)</script></html>"),
        ("hinh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("cat.jpg", make_jpeg().getvalue()[:200]),
    ],
)
def test_what_is_not_a_photo_is_refused(meeting, name, content):
    with pytest.raises(ValidationError, match="không phải là ảnh|not a photo"):
        services.meeting_photo_add(meeting=meeting, upload=SimpleUploadedFile(name, content))
    assert not meeting.photos.exists()


def test_a_gif_is_refused(meeting):
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    with pytest.raises(ValidationError):
        services.meeting_photo_add(
            meeting=meeting, upload=SimpleUploadedFile("a.gif", buffer.getvalue())
        )


def test_at_most_six_photos(meeting):
    for _ in range(Meeting.MAX_PHOTOS):
        services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    with pytest.raises(ValidationError):
        services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    assert meeting.photos.count() == 6


def test_the_field_form_takes_several_photos_and_refuses_a_seventh(client, login, cao_xanh):
    login("leader-cao-xanh")
    day = timezone.localdate() - datetime.timedelta(days=1)
    while cao_xanh.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    data = {
        "held_on": day.strftime("%d/%m/%Y"),
        "kind": "monthly",
        "topics": "Có ảnh",
        "guests_count": "0",
    }
    too_many = [upload(f"{i}.jpg", size=(40, 30)) for i in range(7)]
    response = client.post(
        f"/field/clubs/{cao_xanh.pk}/meetings/new/", {**data, "photos": too_many}
    )
    assert response.status_code == 200
    assert "tối đa 6 ảnh" in response.content.decode()
    assert "Vui lòng chọn lại ảnh." in response.content.decode()
    two = [upload(f"{i}.jpg", size=(40, 30)) for i in range(2)]
    response = client.post(f"/field/clubs/{cao_xanh.pk}/meetings/new/", {**data, "photos": two})
    assert response.status_code == 302
    assert Meeting.objects.get(club=cao_xanh, held_on=day).photos.count() == 2


def test_photo_is_served_to_the_club_and_never_cached(client, login, meeting):
    photo = services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    login("secretary-cao-xanh")
    response = client.get(photo.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("username", ["leader-hung-thang", "communicator", "campaigns"])
def test_photo_is_not_found_for_others(client, login, meeting, username):
    photo = services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    login(username)
    assert client.get(photo.get_absolute_url()).status_code == 404


def test_photos_are_not_in_the_wagtail_image_library(meeting):
    from wagtail.images import get_image_model

    before = get_image_model().objects.count()
    services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    assert get_image_model().objects.count() == before
    assert MeetingPhoto.objects.filter(meeting=meeting).count() == 1


def test_the_private_folder_is_not_served_under_media(client, meeting):
    photo = services.meeting_photo_add(meeting=meeting, upload=upload(size=(40, 30)))
    assert client.get(f"/media/{photo.file.name}").status_code == 404
