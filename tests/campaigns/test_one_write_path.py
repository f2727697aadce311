"""One write path for campaigns: an activity recorded in the admin and from a phone leaves the
same row; the same rule refuses the same figures on both."""

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from clubs.models import Ward
from outreach.campaigns.models import Activity, Campaign

pytestmark = pytest.mark.django_db

STAFF = "campaigns"
TODAY = timezone.localdate()
FIELDS = [
    "campaign_id",
    "title",
    "title_folded",
    "held_on",
    "ward_id",
    "kind",
    "sessions",
    "attendances",
    "unique_participants",
    "reach_zalo",
    "reach_facebook",
    "created_by_id",
]


@pytest.fixture
def campaign(demo):
    return Campaign.objects.get(theme=Campaign.Theme.NATIONAL_DAY)


@pytest.fixture
def ward(demo):
    return Ward.objects.get(name="Cao Xanh", valid_to__isnull=True)


def _values(campaign, ward, **changes):
    return {
        "title": "  Nói chuyện   tại trường THCS  ",
        "held_on": TODAY.strftime("%d/%m/%Y"),
        "ward": ward.pk,
        "kind": "talk",
        "sessions": 2,
        "attendances": 120,
        "unique_participants": 80,
        "reach_zalo": 0,
        "reach_facebook": 300,
        **changes,
    }


def _post(client, path, campaign, values):
    if path == "admin":
        data = nested_form_data({**values, "campaign": campaign.pk, "photos": inline_formset([])})
        data["communicators"] = []
        return client.post("/admin/outreach/activities/new/", data)
    return client.post(f"/field/campaigns/{campaign.pk}/activities/new/", values)


@pytest.mark.parametrize("path", ["admin", "field"])
def test_an_activity_is_written_alike(client, login, campaign, ward, path):
    staff = login(STAFF)
    latest = Activity.objects.order_by("-pk").first().pk
    response = _post(client, path, campaign, _values(campaign, ward))
    assert response.status_code == 302, response.context and response.context["form"].errors
    (activity,) = Activity.objects.filter(pk__gt=latest)
    assert {name: getattr(activity, name) for name in FIELDS} == {
        "campaign_id": campaign.pk,
        "title": "Nói chuyện tại trường THCS",
        "title_folded": "noi chuyen tai truong thcs",
        "held_on": TODAY,
        "ward_id": ward.pk,
        "kind": "talk",
        "sessions": 2,
        "attendances": 120,
        "unique_participants": 80,
        "reach_zalo": 0,
        "reach_facebook": 300,
        "created_by_id": staff.pk,
    }
    assert not activity.communicators.exists() and not activity.photos.exists()


@pytest.mark.parametrize("path", ["admin", "field"])
def test_more_participants_than_attendances_is_refused_on_both(client, login, campaign, ward, path):
    login(STAFF)
    count = Activity.objects.count()
    values = _values(campaign, ward, attendances=50, unique_participants=60)
    response = _post(client, path, campaign, values)
    assert response.status_code == 200
    assert response.context["form"].errors["unique_participants"]
    assert Activity.objects.count() == count
