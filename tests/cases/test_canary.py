"""The canary: a person whose name, phone, notes and follow-up note carry a unique string.

Whoever is not on the club's board (communicator, campaign staff, another club's leader,
anonymous) crawls every page, admin listing, search, export and JSON endpoint they can
reach: the canary never appears. It is never in the database file or a PostgreSQL dump in
plaintext, nor in the logs.
"""

import json
import logging
import re
import subprocess
import uuid
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import connection

from clubs.models import Club
from config import sync
from config.sync_crypto import seal_envelope
from outreach.cases import services
from outreach.cases.audit import Actor
from outreach.cases.models import AuditEntry, Case, Consent, FollowUp

CRAWLERS = ["communicator", "campaigns", "leader-hung-thang", None]
SEEDS = [
    "/",
    "/en/",
    "/tim-kiem/?q={query}",
    "/sync/key/",
    "/sync/csrf/",
    "/field/",
    "/field/follow-ups/overdue/",
    "/field/campaigns/",
    "/field/clubs/{club}/",
    "/field/clubs/{club}/cases/",
    "/field/cases/{case}/",
    "/field/cases/{case}/follow-ups/new/",
    "/admin/",
    "/admin/outreach/cases/?q={code}",
    "/admin/outreach/cases/edit/{case}/",
    "/admin/outreach/cases/history/{case}/",
    "/admin/outreach/audit/?q={code}",
    "/admin/reports/site-history/",
    "/admin/clubs/members/usage/{member}/",
    # Kept copies of forms, and the outbox page.
    "/field/clubs/{club}/?shell=1",
    "/field/clubs/{club}/cases/new/?shell=1",
    "/field/clubs/{club}/distributions/new/?shell=1",
    "/field/outbox/",
    "/field/cases/{case}/referrals/new/",
    "/field/cases/{case}/consent/",
]
# JSON endpoints (the crawl asks for JSON too, so field views answer JSON clients as well).
JSON_SEEDS = [
    "/field/clubs/{club}/roster.json",
    "/manifest.json",
    "/admin/api/main/pages/?search={query}",
    "/admin/tag-autocomplete/?term={query}",
]
VIEWSETS = [
    "cases",
    "follow-ups",
    "referrals",
    "audit",
    "agencies",
    "materials",
    "stock",
    "distributions",
    "panels",
    "campaigns",
    "activities",
]
SKIP = re.compile(r"logout|/static/|/media/|\.(js|css|png|svg|webp|ico)$|/admin/pages/\d+/")
MAX_PAGES = 150


def _seed_urls(context):
    urls = [url.format(**context) for url in SEEDS + JSON_SEEDS]
    for name in VIEWSETS:
        base = f"/admin/outreach/{name}/"
        urls += [base, f"{base}?q={context['query']}", f"{base}?q={context['code']}"]
        urls += [f"{base}?export=csv", f"{base}?export=xlsx&with_names=true"]
    return urls


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _crawl(client, context) -> tuple[int, list[str], list[str]]:
    """Visit the seeds and every same-site link they lead to; return the number of pages,
    the leaks and the URLs that answered JSON."""
    todo, seen, leaks, json_urls = _seed_urls(context), set(), [], []
    while todo and len(seen) < MAX_PAGES:
        url = todo.pop(0)
        if url in seen or SKIP.search(urlsplit(url).path):
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT="text/html,application/json")
        body = _body(response)
        if context["canary"].encode() in body or context["phone"].encode() in body:
            leaks.append(url)
        if response.get("Content-Type", "").startswith("application/json"):
            json_urls.append(url)
        if response.get("Content-Type", "").startswith("text/html"):
            for href in re.findall(rb'href="([^"#]+)"', body):
                link = urljoin(url, href.decode().replace("&amp;", "&"))
                if link.startswith("/") and link not in seen:
                    todo.append(link)
    return len(seen), leaks, json_urls


@pytest.fixture
def canary_case(demo):
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="leader-cao-xanh")
    canary = f"Canary{uuid.uuid4().hex[:12]}"
    case = services.case_create(
        club=club,
        actor=Actor(user=leader),
        full_name=f"Nguyễn Thị {canary}",
        phone="0912000111",
        id_number="022301000111",
        address=f"Khu {canary}",
        notes=f"Ghi chú {canary}",
        consents=[Consent.Purpose.FOLLOW_UP, Consent.Purpose.REFERRAL],
    )
    services.follow_up_record(
        case=case,
        actor=Actor(user=leader),
        done_on=case.created_at.date(),
        method=FollowUp.Method.ZALO,
        outcome=FollowUp.Outcome.STABLE,
        note=f"Đã gọi {canary}",
    )
    member = club.members.first()
    case.assigned_member = member
    case.save()
    return {
        "canary": canary,
        # Searches use the lower-case form (search is case-insensitive), so a page that only
        # echoes the query does not count as a leak; a match would show the stored name.
        "query": canary.lower(),
        "phone": "0912000111",
        "case": case.pk,
        "code": case.code,
        "club": club.pk,
        "member": member.pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("username", CRAWLERS)
def test_the_canary_never_reaches_anyone_else(client, login, canary_case, username, caplog):
    caplog.set_level(logging.DEBUG)
    if username:
        login(username)
    pages, leaks, json_urls = _crawl(client, canary_case)
    assert pages > 40
    assert "/manifest.json" in json_urls
    if username is None:  # signed out, a JSON client is told to log in (401 JSON)
        assert f"/field/clubs/{canary_case['club']}/roster.json" in json_urls
    assert leaks == []
    assert canary_case["canary"] not in caplog.text


@pytest.mark.django_db
def test_the_board_does_see_it(client, login, canary_case):
    """The crawl would find the canary if it were reachable: the club's leader reads it."""
    login("leader-cao-xanh")
    page = client.get(f"/field/cases/{canary_case['case']}/").content.decode()
    assert canary_case["canary"] in page
    login("coordinator")
    export = client.get("/admin/outreach/cases/?export=csv&with_names=true")
    assert canary_case["canary"] in _body(export).decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_canary_is_not_in_the_database_file_dump_or_logs(client, login, caplog, tmp_path):
    """Submitted through the field app (plain form and encrypted outbox JSON), the canary
    is stored only as ciphertext: not in the SQLite file or a pg_dump, not in any log."""
    caplog.set_level(logging.DEBUG)
    canary = f"Canary{uuid.uuid4().hex[:12]}"
    user = login("leader-cao-xanh")
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    response = client.post(
        f"/field/clubs/{club.pk}/cases/new/",
        {
            "full_name": f"Trần Văn {canary}",
            "phone": "0987000222",
            "target_group": "at_risk",
            "consents": ["follow_up"],
            "notes": canary,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    item = uuid.uuid4()
    payload = {
        "fields": {
            "done_on": ["01/02/2025"],
            "method": ["phone"],
            "outcome": ["stable"],
            "note": [f"Ghi chú {canary}"],
        }
    }
    envelope = seal_envelope(
        json.dumps(payload).encode(), aad=sync.aad_for(submission_uuid=item, user=user)
    )
    response = client.post(
        f"/field/cases/{case.pk}/follow-ups/new/",
        data=json.dumps(envelope),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(item),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201, response.content
    assert FollowUp.objects.get(case=case).note == f"Ghi chú {canary}"
    # An invalid submission goes back to its owner only; nothing of it is logged.
    client.post(
        f"/field/cases/{case.pk}/follow-ups/new/",
        {"done_on": "not a date", "note": canary},
    )
    assert AuditEntry.objects.filter(case_ref=case.pk).exists()
    assert canary not in caplog.text

    needle = canary.encode()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        name = connection.settings_dict["NAME"]
        data = b""
        for suffix in ("", "-wal", "-journal"):
            try:
                with open(f"{name}{suffix}", "rb") as handle:
                    data += handle.read()
            except FileNotFoundError:
                pass
        assert case.code.encode() in data  # the file is the right one
        assert needle not in data
        assert "Trần Văn".encode() not in data
    else:
        db = connection.settings_dict
        dump = subprocess.run(
            [
                "pg_dump",
                "--host",
                db["HOST"] or "127.0.0.1",
                "--port",
                str(db["PORT"] or 5432),
                "--username",
                db["USER"] or "postgres",
                "--data-only",
                db["NAME"],
            ],
            capture_output=True,
            check=True,
            timeout=120,
            env={"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"},
        ).stdout
        assert case.code.encode() in dump
        assert needle not in dump
    assert settings.SECRET_KEY  # the field key is not SECRET_KEY (see test_crypto)
