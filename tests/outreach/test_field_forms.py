"""The outreach field forms through the one sync protocol: a plain POST without JavaScript
and the outbox's encrypted JSON go to the same URL; each UUID is applied once; the stock
never goes below zero; the campaign page shows progress against targets."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from config import sync
from config.sync_crypto import seal_envelope
from outreach.campaigns.models import Activity, Campaign
from outreach.cases.models import Case, FollowUp, Referral
from outreach.materials.models import Distribution, Material

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
def test_forms_are_marked_for_the_encrypted_outbox_with_a_non_identifying_summary(
    client, login, records
):
    login("leader-cao-xanh")
    case = Case.objects.get(pk=records["case"])
    for url in [
        f"/field/clubs/{records['club']}/cases/new/",
        f"/field/cases/{case.pk}/follow-ups/new/",
        f"/field/cases/{case.pk}/referrals/new/",
        f"/field/referrals/{records['referral']}/step/",
        f"/field/cases/{case.pk}/consent/",
        f"/field/clubs/{records['club']}/distributions/new/",
    ]:
        body = client.get(url).content.decode()
        form = body.split('<form method="post" class="field-form"', 1)[1].split(">", 1)[0]
        assert "data-outbox=" in form and "data-outbox-sensitive" in form
        assert "data-outbox-done=" in form
        summary = form.split('data-outbox-summary="', 1)[1].split('"', 1)[0]
        assert case.full_name not in summary and case.phone not in summary
        assert (
            'name="client_uuid"' in body
            and 'value="' not in body.split('name="client_uuid"')[1][:30]
        )
        assert " style=" not in body and "<script>" not in body


@pytest.mark.django_db
def test_flag_a_person_without_javascript(client, login, records):
    login("leader-cao-xanh")
    response = client.post(
        f"/field/clubs/{records['club']}/cases/new/",
        {
            "full_name": "Hà Thị Thử",
            "phone": "0911 222 333",
            "id_number": "022 305 123456",
            "target_group": "planning_abroad",
            "risk_factors": ["job_offer_abroad", "illegal_exit"],
            "consents": ["follow_up", "referral"],
            "next_follow_up_on": "15/08/2031",
        },
    )
    assert response.status_code == 302
    case = Case.objects.order_by("-pk").first()
    assert response["Location"] == f"/field/cases/{case.pk}/"
    assert case.code.startswith("CX-")
    assert (case.phone, case.id_number) == ("0911222333", "022305123456")
    assert case.has_consent("referral") and not case.has_consent("reporting")
    assert case.risk_factors == ["job_offer_abroad", "illegal_exit"]


@pytest.mark.django_db
def test_invalid_input_is_shown_again_and_nothing_is_stored(client, login, records):
    login("leader-cao-xanh")
    before = Case.objects.count()
    response = client.post(
        f"/field/clubs/{records['club']}/cases/new/",
        {
            "full_name": "Hà Thị Thử",
            "id_number": "12345",
            "target_group": "at_risk",
            "legal_status": "victim",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "12 chữ số" in page or "12 digits" in page
    assert 'value="Hà Thị Thử"' in page
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_a_follow_up_from_the_outbox_is_stored_once(client, login, records):
    user = login("leader-cao-xanh")
    case = Case.objects.get(pk=records["case"])
    url = f"/field/cases/{case.pk}/follow-ups/new/"
    fields = {"done_on": TODAY, "method": "zalo", "outcome": "stable", "note": "Đã nhắn"}
    item = uuid.uuid4()
    first = _outbox_post(client, user, url, fields, item)
    assert first.status_code == 201
    receipt = json.loads(first.content)
    assert receipt["uuid"] == str(item) and receipt["kind"] == "follow_up"
    again = _outbox_post(client, user, url, fields, item)
    assert again.status_code == 200 and json.loads(again.content) == receipt
    assert FollowUp.objects.filter(client_uuid=item).count() == 1
    other = _outbox_post(client, user, url, {**fields, "note": "khác"}, item)
    assert other.status_code == 409


@pytest.mark.django_db
def test_an_outbox_item_against_a_rule_comes_back_as_errors(client, login, records):
    """No referral consent and no reason: 400 with the errors and the values, nothing stored."""
    user = login("secretary-cao-xanh")
    case = (
        Case.objects.filter(club_id=records["club"])
        .exclude(consents__purpose="referral", consents__withdrawn_on__isnull=True)
        .first()
    )
    before = Referral.objects.count()
    response = _outbox_post(
        client,
        user,
        f"/field/cases/{case.pk}/referrals/new/",
        {"agency": "1", "received_on": TODAY, "override_reason": "Gấp"},
    )
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["errors"] and body["values"]["override_reason"] == ["Gấp"]
    assert Referral.objects.count() == before


@pytest.mark.django_db
def test_signed_out_outbox_items_get_401(client, records):
    response = client.post(
        f"/field/cases/{records['case']}/follow-ups/new/",
        data="{}",
        content_type="application/json",
        HTTP_ACCEPT="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert response.status_code == 401
    assert json.loads(response.content) == {"login_required": True}


@pytest.mark.django_db
def test_a_stale_referral_step_is_a_conflict(client, login, records):
    user = login("leader-cao-xanh")
    referral = Referral.objects.get(pk=records["referral"])
    stage = referral.next_stages()[0]
    url = f"/field/referrals/{referral.pk}/step/"
    fields = {"stage": stage, "reached_on": TODAY, "version": str(referral.version - 1)}
    response = _outbox_post(client, user, url, fields)
    assert response.status_code == 409
    assert json.loads(response.content)["conflict"] == "stale_version"
    fields["version"] = str(referral.version)
    assert _outbox_post(client, user, url, fields).status_code == 201
    assert Referral.objects.get(pk=referral.pk).stage == stage


# --- stock -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_handing_out_more_than_the_stock_is_refused_and_changes_nothing(client, login, records):
    user = login("leader-cao-xanh")
    material = Material.objects.get(kind="law_book")
    stock, count = material.stock, Distribution.objects.count()
    url = f"/field/clubs/{records['club']}/distributions/new/"
    data = {
        "material": material.pk,
        "quantity": stock + 1,
        "distributed_on": TODAY,
        "channel": "meeting",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Chỉ còn {stock} bản" in page
    assert "Không có gì được ghi lại" in page
    outbox = _outbox_post(client, user, url, {k: str(v) for k, v in data.items()})
    assert outbox.status_code == 400
    assert "quantity" in json.loads(outbox.content)["errors"]
    assert Material.objects.get(pk=material.pk).stock == stock
    assert Distribution.objects.count() == count
    data["quantity"] = stock
    assert client.post(url, data).status_code == 302
    assert Material.objects.get(pk=material.pk).stock == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_leaders_taking_the_last_copies_at_once(demo):
    """The conditional update lets only one of two concurrent handouts through."""
    from django.core.exceptions import ValidationError

    from clubs.models import Ward
    from outreach.materials import services

    material = Material.objects.create(kind="poster", title="Áp phích thử")
    services.material_receive(material=material, quantity=10, received_on=timezone.localdate())
    ward = Ward.objects.filter(kind="ward").first()
    barrier = threading.Barrier(2)
    outcomes = []

    def take():
        try:
            barrier.wait(timeout=10)
            services.distribution_record(
                material=material,
                quantity=7,
                distributed_on=timezone.localdate(),
                ward=ward,
                channel="event",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert Material.objects.get(pk=material.pk).stock == 3
    assert Distribution.objects.filter(material=material).count() == 1


# --- campaigns ---------------------------------------------------------------------------


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
