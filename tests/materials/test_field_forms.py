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
