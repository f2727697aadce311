"""The outreach field forms through the one sync protocol: a plain POST without JavaScript
and the outbox's encrypted JSON go to the same URL; each UUID is applied once; the stock
never goes below zero; the campaign page shows progress against targets."""

import json
import uuid

import pytest
from django.utils import timezone

from config import sync
from config.sync_crypto import seal_envelope
from outreach.campaigns.models import Activity, Campaign

TODAY = timezone.localdate().strftime("%d/%m/%Y")


def _outbox_post(client, user, url, fields, item=None):
    item = item or uuid.uuid4()
    payload = {"fields": {name: v if isinstance(v, list) else [v] for name, v in fields.items()}}
    envelope = seal_envelope(
        json.dumps(payload).encode(), aad=sync.aad_for(submission_uuid=item, user=user)
    )
    return client.post(
        url,
        data=json.dumps(envelope),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(item),
        HTTP_ACCEPT="application/json",
    )


@pytest.mark.django_db
def test_the_campaign_page_shows_progress_without_javascript(client, login, demo):
    campaign = Campaign.objects.get(theme="national_day")
    login("campaigns")
    page = client.get(f"/field/campaigns/{campaign.pk}/").content.decode()
    attendances = sum(campaign.activities.values_list("attendances", flat=True))
    assert f"{attendances} / {campaign.target_attendances}" in page
    assert page.count("<meter") == 5
    assert "<script>" not in page and " style=" not in page


@pytest.mark.django_db
def test_campaign_staff_record_an_activity_from_the_phone(client, login, demo):
    campaign = Campaign.objects.get(theme="contest")
    user = login("campaigns")
    from clubs.models import Ward

    ward = Ward.objects.get(name="Bãi Cháy", valid_to__isnull=True)
    fields = {
        "title": "Chung kết",
        "held_on": TODAY,
        "ward": str(ward.pk),
        "kind": "contest",
        "sessions": "1",
        "attendances": "300",
        "unique_participants": "400",
        "reach_zalo": "0",
        "reach_facebook": "1200",
    }
    url = f"/field/campaigns/{campaign.pk}/activities/new/"
    bad = _outbox_post(client, user, url, fields)
    assert bad.status_code == 400 and "unique_participants" in json.loads(bad.content)["errors"]
    fields["unique_participants"] = "250"
    assert _outbox_post(client, user, url, fields).status_code == 201
    activity = Activity.objects.get(title="Chung kết")
    assert (activity.attendances, activity.unique_participants) == (300, 250)
    login("leader-cao-xanh")
    assert client.get(url).status_code == 404
