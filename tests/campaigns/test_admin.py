"""Campaigns in the admin as the campaign staff notice them: the 30/7 preset, an activity's
photos and communicators, listings that find "hanh dong" as well as "hành động"."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from outreach.campaigns.models import Activity, Campaign
from tests.admin_listings import check_folded_search

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize(
    ("listing", "plain", "marked"),
    [
        ("campaigns", "thang hanh dong", "Tháng hành động"),
        ("activities", "noi chuyen chuyen de", "Nói chuyện chuyên đề"),
    ],
)
def test_listings_find_words_with_or_without_diacritics(
    client, login, demo, listing, plain, marked
):
    check_folded_search(client, login, listing, plain, marked)
