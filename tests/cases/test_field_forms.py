"""The outreach field forms through the one sync protocol: a plain POST without JavaScript
and the outbox's encrypted JSON go to the same URL; each UUID is applied once; the stock
never goes below zero; the campaign page shows progress against targets."""

import json
import uuid

import pytest
from django.utils import timezone

from config import sync
from config.sync_crypto import seal_envelope
from outreach.cases.models import Case, FollowUp, Referral

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
