"""The sync protocol, driven through a tiny form that creates groups.

The field forms (meetings, members, outreach) are tested end to end in their own apps;
this file pins the protocol's answers and its exactly-once guarantee.
"""

import base64
import json
import threading
import uuid

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from config import sync
from config.models import SyncReceipt
from config.sync_crypto import seal_envelope


class GroupForm(forms.Form):
    name = forms.CharField(max_length=50)
    version = forms.IntegerField(required=False)


def _save(form):
    if form.cleaned_data.get("version") == 0:
        raise sync.SyncConflict("stale_version", current_version=3)
    return Group.objects.create(name=form.cleaned_data["name"])


def _request(user, *, fields, submission_uuid, files=None, author=None):
    payload = {"fields": fields, "files": files or {}}
    envelope = seal_envelope(
        json.dumps(payload).encode(),
        aad=sync.aad_for(submission_uuid=submission_uuid, user=author or user),
    )
    request = RequestFactory().post(
        "/form/",
        data=json.dumps(envelope),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(submission_uuid),
        HTTP_ACCEPT="application/json",
    )
    request.user = user
    return request


def _submit(request):
    submission = sync.read_submission(request)
    form = GroupForm(submission.data, submission.files)
    return sync.respond(
        request,
        submission,
        kind="group",
        form=form,
        save=_save,
        on_success=lambda obj: HttpResponse("ok"),
        on_invalid=lambda: HttpResponse("invalid", status=200),
    )


@pytest.fixture
def user(demo):
    return get_user_model().objects.get(username="leader-cao-xanh")


@pytest.mark.django_db
def test_first_receipt_then_replay_of_the_same_content(user):
    item = uuid.uuid4()
    first = _submit(_request(user, fields={"name": ["Nhóm A"]}, submission_uuid=item))
    assert first.status_code == 201
    receipt = json.loads(first.content)
    assert receipt["uuid"] == str(item)
    assert receipt["kind"] == "group"
    assert Group.objects.filter(name="Nhóm A").count() == 1
    # Sent again (new IV, new ciphertext, same content): the original receipt, nothing new.
    again = _submit(_request(user, fields={"name": ["Nhóm A"]}, submission_uuid=item))
    assert again.status_code == 200
    assert json.loads(again.content) == receipt
    assert Group.objects.filter(name="Nhóm A").count() == 1


@pytest.mark.django_db
def test_same_uuid_with_other_content_is_a_conflict(user):
    item = uuid.uuid4()
    assert (
        _submit(_request(user, fields={"name": ["Nhóm B"]}, submission_uuid=item)).status_code
        == 201
    )
    response = _submit(_request(user, fields={"name": ["Nhóm C"]}, submission_uuid=item))
    assert response.status_code == 409
    assert json.loads(response.content) == {"uuid": str(item), "conflict": "uuid_reused"}
    assert not Group.objects.filter(name="Nhóm C").exists()


@pytest.mark.django_db
def test_another_user_cannot_replay_an_item(user):
    item = uuid.uuid4()
    assert (
        _submit(_request(user, fields={"name": ["Nhóm D"]}, submission_uuid=item)).status_code
        == 201
    )
    other = get_user_model().objects.get(username="leader-hong-gai")
    response = _submit(_request(other, fields={"name": ["Nhóm D"]}, submission_uuid=item))
    assert response.status_code == 409


@pytest.mark.django_db
def test_invalid_content_gives_errors_and_the_values_back(user):
    item = uuid.uuid4()
    response = _submit(_request(user, fields={"name": ["x" * 80]}, submission_uuid=item))
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["uuid"] == str(item)
    assert "name" in body["errors"]
    assert body["values"] == {"name": ["x" * 80]}
    assert not SyncReceipt.objects.filter(uuid=item).exists()
    # Corrected and sent again under the same UUID, it is accepted.
    assert (
        _submit(_request(user, fields={"name": ["Nhóm E"]}, submission_uuid=item)).status_code
        == 201
    )


@pytest.mark.django_db
def test_a_stale_edit_is_a_conflict_and_leaves_no_receipt(user):
    item = uuid.uuid4()
    response = _submit(
        _request(user, fields={"name": ["Nhóm F"], "version": ["0"]}, submission_uuid=item)
    )
    assert response.status_code == 409
    assert json.loads(response.content)["conflict"] == "stale_version"
    assert not SyncReceipt.objects.filter(uuid=item).exists()
    assert not Group.objects.filter(name="Nhóm F").exists()


@pytest.mark.django_db
def test_an_item_made_by_another_user_cannot_be_opened(user):
    other = get_user_model().objects.get(username="leader-hong-gai")
    request = _request(
        other, fields={"name": ["Nhóm G"]}, submission_uuid=uuid.uuid4(), author=user
    )
    with pytest.raises(sync.SubmissionError):
        sync.read_submission(request)


@pytest.mark.django_db
def test_tampered_or_unknown_envelopes_are_refused(user):
    item = uuid.uuid4()
    request = _request(user, fields={"name": ["Nhóm H"]}, submission_uuid=item)
    envelope = json.loads(request.body)
    data = bytearray(base64.b64decode(envelope["data"]))
    data[0] ^= 1
    for broken in (
        {**envelope, "data": base64.b64encode(bytes(data)).decode()},
        {**envelope, "kid": "0000"},
        {**envelope, "v": 2},
        {"nothing": True},
    ):
        bad = RequestFactory().post(
            "/form/",
            data=json.dumps(broken),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=str(item),
            HTTP_ACCEPT="application/json",
        )
        bad.user = user
        with pytest.raises(sync.SubmissionError):
            sync.read_submission(bad)


@pytest.mark.django_db
def test_files_travel_inside_the_envelope_and_count_in_the_content(user):
    item = uuid.uuid4()
    photo = {"name": "anh.jpg", "type": "image/jpeg", "data": base64.b64encode(b"abc").decode()}
    request = _request(
        user, fields={"name": ["Nhóm I"]}, files={"photo": [photo]}, submission_uuid=item
    )
    submission = sync.read_submission(request)
    assert submission.files["photo"].read() == b"abc"
    other_photo = {**photo, "data": base64.b64encode(b"abd").decode()}
    other = sync.read_submission(
        _request(
            user, fields={"name": ["Nhóm I"]}, files={"photo": [other_photo]}, submission_uuid=item
        )
    )
    assert submission.content_hmac != other.content_hmac


@pytest.mark.django_db
def test_plain_form_post_without_javascript(user):
    request = RequestFactory().post("/form/", {"name": "Nhóm J"})
    request.user = user
    response = _submit(request)
    assert response.content == b"ok"
    assert Group.objects.filter(name="Nhóm J").exists()


def test_bad_uuid_is_refused():
    request = RequestFactory().post("/form/", {"name": "x"}, HTTP_IDEMPOTENCY_KEY="not-a-uuid")
    request.user = AnonymousUser()
    with pytest.raises(sync.SubmissionError):
        sync.read_submission(request)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_identical_posts_at_once_store_one_record():
    user = get_user_model().objects.get(username="leader-cao-xanh")
    item = uuid.uuid4()
    requests = [
        _request(user, fields={"name": ["Nhóm đồng thời"]}, submission_uuid=item) for _ in range(10)
    ]
    statuses = []
    barrier = threading.Barrier(10)

    def send(request):
        barrier.wait()
        try:
            statuses.append(_submit(request).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 9 + [201]
    assert Group.objects.filter(name="Nhóm đồng thời").count() == 1
    assert SyncReceipt.objects.filter(uuid=item).count() == 1


@pytest.mark.django_db
def test_public_key_and_csrf_endpoints(client, login):
    key = client.get("/sync/key/").json()
    assert set(key) == {"kid", "spki", "alg"}
    assert client.get("/sync/csrf/").json()["userId"] == "anonymous"
    user = login("leader-cao-xanh")
    body = client.get("/sync/csrf/").json()
    assert body["userId"] == str(user.pk) and body["csrfToken"]
