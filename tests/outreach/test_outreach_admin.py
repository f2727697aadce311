"""Outreach admin behaviour a coordinator or the campaign staff notice: the 30/7 campaign
preset, panels whose inspection is overdue, an activity's photos and communicators, and
listings that find "dong" as well as "đồng"."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from clubs.models import Club
from outreach.campaigns.models import Activity, Campaign
from outreach.materials.models import Panel

pytestmark = pytest.mark.django_db


# --- the 30/7 preset ----------------------------------------------------------------------


def test_the_30_7_preset_fills_a_campaign_that_saves_as_shown(client, login, demo):
    login("campaigns")
    year = timezone.localdate().year
    listing = client.get("/admin/outreach/campaigns/").content.decode()
    assert "/admin/outreach/campaigns/new/?preset=30-7" in listing
    blank = client.get("/admin/outreach/campaigns/new/").context["form"]
    assert not blank["name"].value() and not blank["starts_on"].value()

    form = client.get("/admin/outreach/campaigns/new/?preset=30-7").context["form"]
    values = {name: form[name].value() for name in form.fields}
    assert f"30/7/{year}" in values["name"]
    assert values["theme"] == Campaign.Theme.NATIONAL_DAY
    assert values["starts_on"] == datetime.date(year, 7, 1)
    assert values["ends_on"] == datetime.date(year, 8, 31)
    assert "everyone" in values["target_groups"]

    data = {name: value for name, value in values.items() if value is not None and value != []}
    data["starts_on"], data["ends_on"] = f"01/07/{year}", f"31/08/{year}"
    data["target_groups"] = values["target_groups"]
    response = client.post("/admin/outreach/campaigns/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(name=values["name"])
    assert (campaign.starts_on, campaign.ends_on) == (
        datetime.date(year, 7, 1),
        datetime.date(year, 8, 31),
    )
    assert campaign.theme == Campaign.Theme.NATIONAL_DAY


# --- panels: inspection overdue -----------------------------------------------------------


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


# --- activity photos and communicators ---------------------------------------------------


def test_campaign_staff_record_an_activitys_photos_and_communicators(client, login, demo):
    activity = Activity.objects.filter(photos__isnull=True).first()
    communicator = get_user_model().objects.get(username="communicator")
    image = Image.objects.create(title="Buổi nói chuyện", file=get_test_image_file())
    login("campaigns")
    data = nested_form_data(
        {
            "campaign": activity.campaign_id,
            "title": activity.title,
            "held_on": activity.held_on.strftime("%d/%m/%Y"),
            "ward": activity.ward_id,
            "kind": activity.kind,
            "sessions": activity.sessions,
            "attendances": activity.attendances,
            "unique_participants": activity.unique_participants or "",
            "reach_zalo": activity.reach_zalo,
            "reach_facebook": activity.reach_facebook,
            "photos": inline_formset([{"image": image.pk}]),
        }
    )
    data["communicators"] = [communicator.pk]  # a multiple choice, not a nested form
    response = client.post(f"/admin/outreach/activities/edit/{activity.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert list(activity.communicators.all()) == [communicator]
    assert [photo.image for photo in activity.photos.all()] == [image]
    page = client.get(f"/admin/outreach/activities/edit/{activity.pk}/").content.decode()
    assert f'value="{image.pk}"' in page  # the photo is there when the form reopens


# --- diacritics-insensitive search -------------------------------------------------------

SEARCHES = [
    # listing, the words without marks, the same words as people write them
    ("materials", "so tay hoi dap", "Sổ tay hỏi đáp"),
    ("campaigns", "thang hanh dong", "Tháng hành động"),
    ("activities", "noi chuyen chuyen de", "Nói chuyện chuyên đề"),
    ("agencies", "ngoi nha anh duong", "Ngôi nhà Ánh Dương"),
    ("panels", "ben tau khu 10", "Bến tàu khu 10"),
    ("distributions", "cao xanh", "Cao Xanh"),
]


@pytest.mark.parametrize(("listing", "plain", "marked"), SEARCHES)
def test_listings_find_words_with_or_without_diacritics(
    client, login, demo, listing, plain, marked
):
    login("coordinator")

    def found(query):
        response = client.get(f"/admin/outreach/{listing}/", {"q": query})
        assert response.status_code == 200
        return [row.pk for row in response.context["object_list"]]

    without, with_marks = found(plain), found(marked)
    assert without and without == with_marks
    assert found(marked.upper()) == without
    everything = client.get(f"/admin/outreach/{listing}/").context["object_list"]
    assert len(without) < len(everything) or listing == "distributions"
    assert not found("khong co tu nay zzz")
