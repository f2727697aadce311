"""The meeting form through the sync protocol: encrypted, idempotent, exactly once."""

import base64
import datetime
import json
import threading
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from clubs.models import Club, Meeting
from config.models import SyncReceipt
from config.sync import aad_for
from config.sync_crypto import seal_envelope
from tests.factories import make_jpeg


def _free_day(club) -> datetime.date:
    day = datetime.date.today() - datetime.timedelta(days=2)
    while club.meetings.filter(held_on=day).exists():
        day -= datetime.timedelta(days=1)
    return day


def _signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def _post(client, club, user, item, fields, files=None):
    envelope = seal_envelope(
        json.dumps({"fields": fields, "files": files or {}}).encode(),
        aad=aad_for(submission_uuid=item, user=user),
    )
    return client.post(
        f"/field/clubs/{club.pk}/meetings/new/",
        data=json.dumps(envelope),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(item),
        HTTP_ACCEPT="application/json",
    )


def _fields(day, topics="Sinh hoạt định kỳ"):
    return {
        "held_on": [day.strftime("%d/%m/%Y")],
        "kind": ["monthly"],
        "topics": [topics],
        "place": ["Nhà văn hóa"],
        "guests_count": ["0"],
        "materials": [""],
        "minutes": [""],
    }


@pytest.fixture
def leader(demo):
    return get_user_model().objects.get(username="leader-cao-xanh")


@pytest.fixture
def club(cao_xanh):
    return cao_xanh


@pytest.mark.django_db
def test_encrypted_meeting_with_a_photo_then_its_replay(leader, club):
    client = _signed_in_client(leader)
    item = uuid.uuid4()
    day = _free_day(club)
    photo = {
        "name": "anh.jpg",
        "type": "image/jpeg",
        "data": base64.b64encode(make_jpeg(size=(800, 600)).getvalue()).decode(),
    }
    first = _post(client, club, leader, item, _fields(day), {"photos": [photo]})
    assert first.status_code == 201, first.content
    receipt = first.json()
    assert receipt["uuid"] == str(item) and receipt["kind"] == "meeting"
    meeting = Meeting.objects.get(client_uuid=item)
    assert meeting.photos.count() == 1
    assert str(meeting.pk) == receipt["id"]
    again = _post(client, club, leader, item, _fields(day), {"photos": [photo]})
    assert again.status_code == 200
    assert again.json() == receipt
    assert Meeting.objects.filter(club=club, held_on=day).count() == 1


@pytest.mark.django_db
def test_an_invalid_meeting_gets_its_errors_and_values_back(leader, club):
    client = _signed_in_client(leader)
    item = uuid.uuid4()
    taken = club.meetings.first().held_on
    response = _post(client, club, leader, item, _fields(taken, topics="Trùng ngày"))
    assert response.status_code == 400
    body = response.json()
    assert body["uuid"] == str(item)
    assert "held_on" in body["errors"]
    assert body["values"]["topics"] == ["Trùng ngày"]
    assert not SyncReceipt.objects.filter(uuid=item).exists()


@pytest.mark.django_db
def test_signed_out_phone_gets_401_and_keeps_its_item(club):
    response = Client().post(
        f"/field/clubs/{club.pk}/meetings/new/",
        data="{}",
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"login_required": True}


@pytest.mark.django_db
def test_another_clubs_leader_cannot_post_to_this_club(club):
    other = get_user_model().objects.get(username="leader-hong-gai")
    response = _post(_signed_in_client(other), club, other, uuid.uuid4(), _fields(_free_day(club)))
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_identical_meeting_posts_at_once_store_one_meeting():
    leader = get_user_model().objects.get(username="leader-cao-xanh")
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    item = uuid.uuid4()
    day = _free_day(club)
    clients = [_signed_in_client(leader) for _ in range(10)]
    barrier = threading.Barrier(10)
    statuses = []

    def send(client):
        barrier.wait()
        try:
            statuses.append(_post(client, club, leader, item, _fields(day)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 9 + [201]
    assert Meeting.objects.filter(club=club, held_on=day).count() == 1


@pytest.mark.django_db
def test_a_twin_saved_while_the_form_is_checked_makes_this_a_replay(leader, club, monkeypatch):
    """The phone sent the same item twice (to two app processes); the twin is saved after
    this request looked for a receipt but before its form was checked, so the form now says
    "the club already met that day". The answer must be the twin's receipt, not an error."""
    from config import sync

    item = uuid.uuid4()
    day = _free_day(club)
    real_receipt_of = sync._receipt_of
    twin = {}

    def receipt_of_with_twin(submission):
        if not twin:
            twin["sending"] = True
            twin["answer"] = _post(_signed_in_client(leader), club, leader, item, _fields(day))
            return None  # as seen just before the twin committed
        return real_receipt_of(submission)

    monkeypatch.setattr(sync, "_receipt_of", receipt_of_with_twin)
    response = _post(_signed_in_client(leader), club, leader, item, _fields(day))
    assert twin["answer"].status_code == 201
    assert response.status_code == 200, response.content
    assert response.json() == twin["answer"].json()
    assert Meeting.objects.filter(club=club, held_on=day).count() == 1
