"""Administrative units with their 1 July 2025 history (the pinned reference data)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import F

from clubs.models import Club, Meeting, Ward, WardSuccession
from clubs.selectors import meetings_by_ward_as_of, ward_as_of
from clubs.wards import PINNED_FILE, load_national_list
from tests.clubs.factories import MeetingFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2023, 6, 15)
AFTER = datetime.date(2025, 7, 1)


def unit(name, *, current):
    return Ward.objects.get(name=name, kind=Ward.Kind.WARD, valid_to__isnull=current)


def test_the_pinned_file_names_its_source_and_date():
    data = json.loads(PINNED_FILE.read_text(encoding="utf-8"))
    assert "1679/NQ-UBTVQH15" in data["source"]
    assert datetime.date.fromisoformat(data["pinned_on"])


@pytest.mark.parametrize(
    ("old", "code", "new", "new_code"),
    [
        ("Hùng Thắng", "06679", "Bãi Cháy", "06673"),
        ("Cao Xanh", "06658", "Cao Xanh", "06658"),
        ("Bạch Đằng", "06694", "Hồng Gai", "06685"),
        ("Hồng Gai", "06691", "Hồng Gai", "06685"),
        ("Tuần Châu", "06700", "Tuần Châu", "06706"),
    ],
)
def test_each_pilot_ward_is_in_its_merged_ward_from_1_july_2025(old, code, new, new_code):
    before = unit(old, current=False)
    assert before.code == code
    assert before.parent.name == "Hạ Long"
    assert before.valid_to == datetime.date(2025, 6, 30)
    assert ward_as_of(ward=before, on=BEFORE) == before
    after = ward_as_of(ward=before, on=AFTER)
    assert (after.name, after.code) == (new, new_code)
    assert after.parent.name == "Quảng Ninh"
    assert after.legal_act == "1679/NQ-UBTVQH15"


def test_a_reused_code_names_two_units_told_apart_by_date():
    units = Ward.objects.filter(code="06685").order_by(F("valid_from").asc(nulls_first=True))
    assert [(u.name, u.valid_from) for u in units] == [
        ("Trần Hưng Đạo", None),
        ("Hồng Gai", AFTER),
    ]


def test_a_meeting_in_bach_dang_in_2023_rolls_up_into_todays_hong_gai(demo):
    bach_dang_club = Club.objects.get(ward__name="Bạch Đằng")
    meeting = Meeting.objects.filter(club=bach_dang_club, held_on__year=2023).first()
    rolled = meetings_by_ward_as_of(meetings=Meeting.objects.filter(pk=meeting.pk), on=AFTER)
    assert list(rolled.items()) == [(unit("Hồng Gai", current=True), 1)]
    # The club itself keeps the ward it was founded in.
    bach_dang_club.refresh_from_db()
    assert bach_dang_club.ward == unit("Bạch Đằng", current=False)


def test_rolling_up_as_of_2023_keeps_the_old_wards(demo):
    meetings = Meeting.objects.filter(
        held_on__year=2023, club__ward__name__in=["Bạch Đằng", "Hồng Gai"]
    )
    rolled = meetings_by_ward_as_of(meetings=meetings, on=BEFORE)
    assert {ward.name for ward in rolled} == {"Bạch Đằng", "Hồng Gai"}
    as_of_now = meetings_by_ward_as_of(meetings=meetings, on=AFTER)
    assert list(as_of_now) == [unit("Hồng Gai", current=True)]
    assert sum(as_of_now.values()) == meetings.count()


def test_a_unit_only_partly_transferred_has_no_single_successor():
    ha_khau = unit("Hà Khẩu", current=False)
    assert ha_khau.successions_out.get().kind == WardSuccession.Kind.PARTIAL_TRANSFER
    assert ward_as_of(ward=ha_khau, on=AFTER) is None


def test_a_new_unit_did_not_exist_before_its_start():
    assert ward_as_of(ward=unit("Bãi Cháy", current=True), on=BEFORE) is None


def test_loading_the_reference_file_again_changes_nothing():
    before = list(Ward.objects.order_by("pk").values())
    call_command("load_wards", stdout=io.StringIO())
    assert list(Ward.objects.order_by("pk").values()) == before
    assert WardSuccession.objects.count() == 10


def test_a_national_list_fills_in_codes_and_adds_units():
    text = (
        "Mã,Tên,Cấp,Mã cấp trên,Hiệu lực từ,Hiệu lực đến\n"
        "06652,Hà Khánh,Phường,193,,30/06/2025\n"
        "06640,Hà Phong,Phường,193,,30/06/2025\n"
        "06640,Hà Phong,Phường,22,01/07/2025,\n"
    )
    counts = load_national_list(text)
    assert counts == {"created": 2, "matched": 1}
    assert unit("Hà Khánh", current=False).code == "06652"
    new = Ward.objects.get(name="Hà Phong", valid_from=AFTER)
    assert new.parent.name == "Quảng Ninh"
    assert load_national_list(text) == {"created": 0, "matched": 3}


def test_a_national_list_with_an_unknown_parent_is_refused_with_its_line():
    with pytest.raises(ValueError, match="Line 2"):
        load_national_list("code,name,kind,parent_code\n99999,Xã Thử,Xã,12345\n")


def test_a_new_meeting_uses_the_clubs_original_ward():
    meeting = MeetingFactory(club__ward=unit("Tuần Châu", current=False), held_on=AFTER)
    assert meeting.club.ward.valid_to == datetime.date(2025, 6, 30)
    assert ward_as_of(ward=meeting.club.ward, on=meeting.held_on).code == "06706"
