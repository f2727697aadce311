"""Anonymous tips: what the form costs a 3G phone, what a submission costs the server, and
whether the admin listing's queries stay flat as tips pile up.

- the form page (``/bao-tin/``): HTML, CSS and JS, gzipped (the same measure as bench_pages);
- one tip sent as a plain form and as an encrypted outbox item: milliseconds and queries;
- the coordinator's tip listing with 20 and with 400 tips: the same number of queries.
"""

import json
import statistics
import time
import uuid

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.bench_pages import measure

SAMPLES = 40


def _fields(ward_pk) -> dict:
    return {
        "text": "Có người rủ đi làm việc nhẹ lương cao ở nước ngoài, hẹn đi tuần sau.",
        "ward": str(ward_pk),
        "when": "this_week",
        "contact": "0912345678",
        "may_contact": "on",
    }


def _envelope(fields: dict, key: uuid.UUID) -> str:
    from config import sync, sync_crypto

    payload = {"fields": {name: [value] for name, value in fields.items()}, "files": {}}
    aad = sync.aad_for(submission_uuid=key, user=None)
    return json.dumps(sync_crypto.seal_envelope(json.dumps(payload).encode(), aad=aad))


def _time_posts(client, make_request) -> dict:
    timings, queries = [], []
    for index in range(SAMPLES):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = make_request(index)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (201, 302), response.status_code
        queries.append(len(captured))
    return {
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "queries": max(queries),
    }


def _listing_queries(client, count: int) -> int:
    from clubs.models import Ward
    from outreach.cases import tips
    from outreach.cases.models import Tip

    ward = Ward.objects.filter(name="Cao Xanh", valid_to__isnull=True).first()
    while Tip.objects.count() < count:
        tips.tip_create(text="Tin thử", ward=ward)
    client.get("/admin/outreach/tips/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/outreach/tips/").status_code == 200
    return len(captured)


def run() -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clubs.models import Ward
    from outreach.cases.models import Tip

    settings.SAFEWARD_TIP_RATE_LIMIT = (10_000, 3600)
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    form = measure(client, "/bao-tin/")
    ward = Ward.objects.filter(name="Cao Xanh", valid_to__isnull=True).first()
    plain = _time_posts(client, lambda i: client.post("/bao-tin/", _fields(ward.pk)))

    def outbox(index):
        key = uuid.uuid4()
        return client.post(
            "/bao-tin/",
            _envelope(_fields(ward.pk), key),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
            HTTP_IDEMPOTENCY_KEY=str(key),
        )

    encrypted = _time_posts(client, outbox)
    Tip.objects.all().delete()
    staff = Client()
    user = get_user_model().objects.get(username="coordinator")
    staff.force_login(user)
    session = staff.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    listing = {"20_tips": _listing_queries(staff, 20), "400_tips": _listing_queries(staff, 400)}
    Tip.objects.all().delete()
    return {
        "form_page": form,
        "plain_post": plain,
        "outbox_post": encrypted,
        "admin_listing_queries": listing,
        "samples": SAMPLES,
    }
