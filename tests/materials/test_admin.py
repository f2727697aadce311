"""Materials and panels in the admin: panels whose inspection is overdue, listings that find
"so tay" as well as "sổ tay"."""

import datetime

import pytest
from django.utils import timezone

from clubs.models import Club
from outreach.materials.models import Panel
from tests.admin_listings import check_folded_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels(demo):
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    today = timezone.localdate()
    every = Panel.INSPECT_EVERY_DAYS

    def make(place, **kwargs):
        fields = {"installed_on": today - datetime.timedelta(days=2 * every), **kwargs}
        return Panel.objects.create(place=place, ward=club.ward, club=club, **fields)

    return {
        "late": make("Pano thử quá hạn", last_inspected_on=today - datetime.timedelta(every + 1)),
        "on_the_day": make(
            "Pano thử đúng hạn", last_inspected_on=today - datetime.timedelta(every)
        ),
        "never": make("Pano thử chưa kiểm tra", last_inspected_on=None),
        "fresh": make("Pano thử mới", installed_on=today - datetime.timedelta(days=10)),
        "removed": make("Pano thử đã gỡ", condition=Panel.Condition.REMOVED),
    }


def test_a_panel_is_overdue_a_day_after_its_inspection_fell_due(panels):
    overdue = {name for name, panel in panels.items() if panel.inspection_overdue()}
    assert overdue == {"late", "never"}


def test_the_panel_listing_filters_overdue_inspections(client, login, panels):
    login("leader-cao-xanh")
    response = client.get("/admin/outreach/panels/?inspection_overdue=true&q=Pano thử")
    assert {row.place for row in response.context["object_list"]} == {
        panels["late"].place,
        panels["never"].place,
    }
    response = client.get("/admin/outreach/panels/?inspection_overdue=false&q=Pano thử")
    assert {row.place for row in response.context["object_list"]} == {
        panels[name].place for name in ("on_the_day", "fresh", "removed")
    }


@pytest.mark.parametrize(
    ("listing", "plain", "marked"),
    [
        ("materials", "so tay hoi dap", "Sổ tay hỏi đáp"),
        ("panels", "ben tau khu 10", "Bến tàu khu 10"),
        ("distributions", "cao xanh", "Cao Xanh"),
    ],
)
def test_listings_find_words_with_or_without_diacritics(
    client, login, demo, listing, plain, marked
):
    check_folded_search(client, login, listing, plain, marked)
