"""Shared pieces of the clubs tests: the demo clubs and who is who."""

import io

import pytest
from PIL import Image

from clubs.models import Club

# Every role a permission test walks through; "own" roles are Cao Xanh's board.
OTHER_CLUB_LEADER = "leader-hung-thang"
OWN_BOARD = ["leader-cao-xanh", "secretary-cao-xanh"]
NO_CLUB_DATA = ["communicator", "campaigns"]


@pytest.fixture
def cao_xanh(demo):
    return Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)


@pytest.fixture
def hung_thang(demo):
    return Club.objects.get(ward__name="Hùng Thắng")


def make_jpeg(*, size=(2400, 1800), exif_gps=False, color=(120, 80, 60)) -> io.BytesIO:
    """A JPEG like a phone's: large, optionally with a GPS position in its EXIF."""
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (20.0, 57.0, 3.0)  # 20°57' N: Hạ Long
        gps[3] = "E"
        gps[4] = (107.0, 4.0, 30.0)
        kwargs["exif"] = exif
    image.save(buffer, format="JPEG", **kwargs)
    buffer.seek(0)
    return buffer
