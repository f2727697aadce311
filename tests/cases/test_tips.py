"""Anonymous tips: the public form (plain and through the outbox), what is stored, abuse
limits, who sees a tip, the coordinators' actions, retention and monthly counts."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clubs.models import Ward
from config import sync, sync_crypto
from config.models import SyncReceipt
from outreach.cases import retention, tips
from outreach.cases.models import AuditEntry, Case, Tip

pytestmark = pytest.mark.django_db

FORM = "/bao-tin/"
IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 9; Redmi 7A) SafeWardTest/1.0"
TEXT = "Chị Hoa ở tổ 5 được hứa việc nhẹ lương cao bên kia biên giới, đi tuần sau."
CONTACT = "0912345678"


def _ward(name):
    return Ward.objects.get(name=name, valid_to__isnull=True, kind="ward")


def _fields(ward=None, **extra):
    data = {"text": TEXT, "when": "this_week", "contact": CONTACT, "may_contact": "on"}
    data["ward"] = str(ward.pk) if ward else ""
    data.update(extra)
    return data


def _envelope(fields: dict, key: uuid.UUID) -> str:
    payload = {"fields": {name: [value] for name, value in fields.items()}, "files": {}}
    aad = sync.aad_for(submission_uuid=key, user=None)
    return json.dumps(sync_crypto.seal_envelope(json.dumps(payload).encode(), aad=aad))


def _send_outbox(client, fields, key, **extra):
    return client.post(
        FORM,
        _envelope(fields, key),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
        HTTP_IDEMPOTENCY_KEY=str(key),
        **extra,
    )


@pytest.fixture
def cao_xanh(demo):
    return _ward("Cao Xanh")


# --- the public form -----------------------------------------------------------------------


def test_form_page_is_an_offline_shell_with_no_token_and_a_link_on_every_page(client, demo):
    response = client.get(FORM)
    assert response.status_code == 200
    assert response["X-SW-Cache"] == "shell"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body and "client_uuid" not in body
    assert "Ai đọc tin này" in body  # who reads it, said before the form
    assert "Hồng Gai" in body and "Bạch Đằng" not in body  # today's wards only
    home = client.get("/").content.decode()
    assert f'href="{FORM}"' in home and "Báo tin / Cần giúp đỡ" in home
    english = client.get("/en/").content.decode()
    assert 'href="/en/tip/"' in english and "Report / Get help" in english


def test_plain_post_without_javascript_stores_the_tip_and_shows_the_code(client, cao_xanh):
    client.cookies["tracking"] = "cookie-value-123"
    response = client.post(FORM, _fields(cao_xanh), REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert (tip.text, tip.contact, tip.may_contact, tip.ward) == (TEXT, CONTACT, True, cao_xanh)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store" and "X-SW-Cache" not in page
    content = page.content.decode()
    assert tip.code in content and 'href="tel:111"' in content and "18001769" in content
    # A made-up address shows no code.
    assert client.get(reverse("tips:sent") + "?ref=ABCD-EFGH").status_code == 404


def test_stored_row_holds_no_address_agent_cookie_or_plaintext(client, cao_xanh):
    client.cookies["tracking"] = "cookie-value-123"
    key = uuid.uuid4()
    response = _send_outbox(client, _fields(cao_xanh), key, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    assert response.status_code == 201, response.content
    tip = Tip.objects.get()
    assert (tip.text, tip.contact) == (TEXT, CONTACT)  # decrypted for those who may read it
    receipt = SyncReceipt.objects.get(uuid=key)
    assert receipt.user_id is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_tip")
        raw_tip = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute(f"SELECT * FROM {SyncReceipt._meta.db_table}")  # noqa: S608
        raw_receipt = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for secret in [IP, AGENT, "cookie-value-123", TEXT, CONTACT, "Hoa", "0912"]:
        assert secret not in raw_tip
        assert secret not in raw_receipt
    assert "fernet:" in raw_tip
    names = {field.name for field in Tip._meta.get_fields()}
    assert not names & {"ip_address", "user_agent", "user", "session", "created_by"}


def test_outbox_submit_follows_the_sync_protocol(client, cao_xanh):
    key = uuid.uuid4()
    first = _send_outbox(client, _fields(cao_xanh), key)
    assert first.status_code == 201
    body = first.json()
    assert body["uuid"] == str(key) and body["kind"] == "tip" and body["received_at"]
    tip = Tip.objects.get()
    # The phone showed this code before it had any signal.
    assert tip.code == tips.tip_code_for_uuid(key)
    replay = _send_outbox(client, _fields(cao_xanh), key)
    assert replay.status_code == 200 and replay.json() == body
    other = _send_outbox(client, _fields(cao_xanh, text="Nội dung khác"), key)
    assert other.status_code == 409 and other.json()["conflict"] == "uuid_reused"
    assert Tip.objects.count() == 1


def test_tip_code_matches_the_browser_rule():
    key = uuid.UUID("0123456789ab4def8123456789abcdef")
    # 0x0123456789 in Crockford base 32 (no I, L, O, U), 8 characters.
    assert tips.tip_code_for_uuid(key) == "04HM-ASW9"
    assert tips.tip_code_for_uuid(uuid.UUID(int=0)) == "0000-0000"


def test_invalid_tip_is_a_400_with_the_field_and_stores_nothing(client, cao_xanh):
    key = uuid.uuid4()
    response = _send_outbox(client, _fields(cao_xanh, text="  "), key)
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    plain = client.post(FORM, _fields(cao_xanh, contact="", may_contact="on"))
    assert plain.status_code == 400
    assert "bỏ dấu tích" in plain.content.decode()
    assert TEXT in plain.content.decode()  # what was typed is kept
    assert not Tip.objects.exists()


def test_honeypot_refuses_with_a_plain_message(client, cao_xanh):
    plain = client.post(FORM, _fields(cao_xanh, website="http://spam.example"))
    assert plain.status_code == 400
    assert "111" in plain.content.decode()
    response = _send_outbox(client, _fields(cao_xanh, website="spam"), uuid.uuid4())
    assert response.status_code == 400 and "website" in response.json()["errors"]
    assert not Tip.objects.exists()


def test_size_cap(client, cao_xanh):
    too_long = "a" * 4001
    plain = client.post(FORM, _fields(cao_xanh, text=too_long))
    assert plain.status_code == 400 and not Tip.objects.exists()
    huge = "b" * 70_000
    response = _send_outbox(client, _fields(cao_xanh, text=huge), uuid.uuid4())
    assert response.status_code == 400
    (message,) = response.json()["errors"]["__all__"]
    assert "quá dài" in message
    english = client.post("/en/tip/", _fields(cao_xanh, text=huge))
    assert english.status_code == 400 and "too long" in english.content.decode()
    assert not Tip.objects.exists()


def test_rate_limit_per_address_lives_in_the_cache_only(client, cao_xanh, settings):
    from django.core.cache import cache

    settings.SAFEWARD_TIP_RATE_LIMIT = (3, 3600)
    for _n in range(3):
        assert client.post(FORM, _fields(cao_xanh), REMOTE_ADDR=IP).status_code == 302
    blocked = client.post(FORM, _fields(cao_xanh), REMOTE_ADDR=IP)
    assert blocked.status_code == 429 and "18001769" in blocked.content.decode()
    assert TEXT in blocked.content.decode()  # the text is still in the form
    key = uuid.uuid4()
    queued = _send_outbox(client, _fields(cao_xanh), key, REMOTE_ADDR=IP)
    assert queued.status_code == 429  # the outbox keeps it and tries again later
    assert queued.json()["uuid"] == str(key) and queued.json()["errors"]["__all__"]
    assert Tip.objects.count() == 3
    # Another address is not held back by the first one.
    assert client.post(FORM, _fields(cao_xanh), REMOTE_ADDR="198.51.100.9").status_code == 302
    # The counter's key does not contain the address; the database never saw it.
    assert all(IP not in str(name) for name in cache._cache)
    with connection.cursor() as cursor:
        for table in ("cases_tip", SyncReceipt._meta.db_table, "cases_auditentry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert IP not in " ".join(str(v) for row in cursor.fetchall() for v in row)


# --- who sees a tip --------------------------------------------------------------------------

SEE_CAO_XANH = ["coordinator", "leader-cao-xanh", "secretary-cao-xanh"]
NOT_CAO_XANH = [
    "leader-hung-thang",
    "leader-bach-dang",
    "leader-hong-gai",
    "leader-tuan-chau",
    "communicator",
    "campaigns",
]


def _tip(ward, text=TEXT, **kwargs):
    return tips.tip_create(text=text, ward=ward, contact=CONTACT, may_contact=True, **kwargs)


@pytest.mark.parametrize("username", SEE_CAO_XANH)
def test_cao_xanh_tip_is_seen_by_its_board_and_coordinators(client, login, cao_xanh, username):
    tip = _tip(cao_xanh)
    login(username)
    listing = client.get(reverse("outreach_tips:index"))
    assert listing.status_code == 200 and tip.code in listing.content.decode()
    page = client.get(reverse("outreach_tips:inspect", args=[tip.pk]))
    assert page.status_code == 200
    assert TEXT in page.content.decode() and CONTACT in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    actions = [row.action for row in AuditEntry.objects.filter(username=username)]
    assert actions.count("tip_list") == 1 and actions.count("tip_view") == 1
    assert AuditEntry.objects.filter(action="tip_view", detail=f"tip {tip.code}").exists()


@pytest.mark.parametrize("username", NOT_CAO_XANH)
def test_cao_xanh_tip_is_not_found_for_everyone_else(client, login, cao_xanh, username):
    tip = _tip(cao_xanh)
    login(username)
    for name in ("inspect", "convert", "close"):
        url = reverse(f"outreach_tips:{name}", args=[tip.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"reason": "x"}).status_code == 404, name
    listing = client.get(reverse("outreach_tips:index"))
    assert tip.code not in listing.content.decode()
    tip.refresh_from_db()
    assert tip.is_new and tip.status == Tip.Status.OPEN


def test_anonymous_visitor_gets_no_tip(client, cao_xanh):
    tip = _tip(cao_xanh)
    response = client.get(reverse("outreach_tips:inspect", args=[tip.pk]))
    assert response.status_code in (302, 404)
    assert TEXT not in response.content.decode()


def test_shared_ward_since_2025_both_boards_see_it(client, login, demo):
    tip = _tip(_ward("Hồng Gai"))
    for username in ("leader-bach-dang", "leader-hong-gai", "coordinator"):
        login(username)
        assert client.get(reverse("outreach_tips:inspect", args=[tip.pk])).status_code == 200
    for username in ("leader-cao-xanh", "leader-tuan-chau"):
        login(username)
        assert client.get(reverse("outreach_tips:inspect", args=[tip.pk])).status_code == 404
    other = _tip(None)  # "another place": coordinators only
    login("leader-hong-gai")
    assert client.get(reverse("outreach_tips:inspect", args=[other.pk])).status_code == 404
    login("coordinator")
    assert client.get(reverse("outreach_tips:inspect", args=[other.pk])).status_code == 200


def test_new_until_first_viewed(client, login, cao_xanh):
    tip = _tip(cao_xanh)
    assert tip.is_new
    login("leader-cao-xanh")
    client.get(reverse("outreach_tips:index") + "?new=true")
    tip.refresh_from_db()
    assert tip.is_new  # listing is not reading
    client.get(reverse("outreach_tips:inspect", args=[tip.pk]))
    tip.refresh_from_db()
    assert not tip.is_new
    listing = client.get(reverse("outreach_tips:index") + "?new=true")
    assert tip.code not in listing.content.decode()


# --- the coordinators' actions -------------------------------------------------------------


def test_converting_a_tip_into_a_case_keeps_the_audit_trail(client, login, cao_xanh):
    tip = _tip(cao_xanh)
    login("leader-cao-xanh")
    assert client.get(reverse("outreach_tips:convert", args=[tip.pk])).status_code == 404
    login("coordinator")
    client.get(reverse("outreach_tips:inspect", args=[tip.pk]))
    confirm = client.get(reverse("outreach_tips:convert", args=[tip.pk]))
    assert confirm.status_code == 200
    assert tip.code in confirm.content.decode() and 'type="submit"' in confirm.content.decode()
    assert not Case.objects.filter(tip_code=tip.code).exists()  # a GET changes nothing
    club = tips.tip_clubs(tip=tip).get()
    response = client.post(
        reverse("outreach_tips:convert", args=[tip.pk]),
        {"club": club.pk, "target_group": "planning_abroad"},
    )
    case = Case.objects.get(tip_code=tip.code)
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.pk}/")
    assert (case.club, case.notes, case.phone) == (club, TEXT, CONTACT)
    assert case.target_group == "planning_abroad"
    tip.refresh_from_db()
    assert (tip.status, tip.case) == (Tip.Status.CONVERTED, case)
    trail = list(
        AuditEntry.objects.filter(detail=f"tip {tip.code}")
        .order_by("pk")
        .values_list("action", "case_code", "username")
    )
    assert trail == [
        ("tip_view", "", "coordinator"),
        ("tip_convert", case.code, "coordinator"),
    ]
    assert AuditEntry.objects.filter(action="create", case_ref=case.pk).exists()
    # The tip's page keeps no convert button, and a second convert changes nothing.
    again = client.post(reverse("outreach_tips:convert", args=[tip.pk]), {"club": club.pk})
    assert again.status_code == 302
    assert Case.objects.filter(tip_code=tip.code).count() == 1


def test_contact_goes_to_the_case_only_with_permission(cao_xanh, demo):
    from django.contrib.auth import get_user_model

    from clubs.models import Club
    from outreach.cases.audit import Actor

    tip = tips.tip_create(text=TEXT, ward=cao_xanh, contact=CONTACT, may_contact=False)
    actor = Actor(user=get_user_model().objects.get(username="coordinator"))
    case = tips.tip_convert_to_case(tip=tip, club=Club.objects.first(), actor=actor)
    assert case.phone == "" and case.notes == TEXT


def test_closing_a_tip_needs_a_reason_and_a_coordinator(client, login, cao_xanh):
    tip = _tip(cao_xanh)
    url = reverse("outreach_tips:close", args=[tip.pk])
    login("secretary-cao-xanh")
    assert client.post(url, {"reason": "spam"}).status_code == 404
    login("coordinator")
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    tip.refresh_from_db()
    assert tip.status == Tip.Status.OPEN
    assert client.post(url, {"reason": "Trùng với tin khác"}).status_code == 302
    tip.refresh_from_db()
    assert (tip.status, tip.closed_reason) == (Tip.Status.CLOSED, "Trùng với tin khác")
    assert AuditEntry.objects.filter(action="tip_close", detail=f"tip {tip.code}").count() == 1


# --- retention and counts ------------------------------------------------------------------


def test_purge_expired_tips(client, cao_xanh, settings):
    settings.SAFEWARD_TIP_RETENTION_DAYS = 30
    key = uuid.uuid4()
    assert _send_outbox(client, _fields(cao_xanh), key).status_code == 201
    old = Tip.objects.get()
    Tip.objects.filter(pk=old.pk).update(received_on=datetime.date(2026, 1, 1))
    fresh = _tip(cao_xanh)
    Tip.objects.filter(pk=fresh.pk).update(received_on=datetime.date(2026, 1, 20))
    now = timezone.make_aware(datetime.datetime(2026, 2, 15, 9, 0))
    assert retention.purge_expired_tips(now=now, dry_run=True) == {"tips": 1, "tip_receipts": 1}
    assert Tip.objects.count() == 2
    assert retention.purge_expired_tips(now=now) == {"tips": 1, "tip_receipts": 1}
    assert list(Tip.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not SyncReceipt.objects.filter(uuid=key).exists()
    assert retention.purge_expired_tips(now=now) == {"tips": 0, "tip_receipts": 0}


def test_the_one_purge_command_removes_old_tips(client, cao_xanh, settings):
    import io

    import time_machine
    from django.core.management import call_command

    settings.SAFEWARD_TIP_RETENTION_DAYS = 30
    old = _tip(cao_xanh)
    Tip.objects.filter(pk=old.pk).update(received_on=datetime.date(2026, 1, 1))
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)):
        call_command("purge", stdout=out)
    assert "tips: 1" in out.getvalue()
    assert not Tip.objects.filter(pk=old.pk).exists()


def test_tips_per_month_in_the_reports_count_only(demo):
    from django.contrib.auth import get_user_model

    from outreach.reports import rollups
    from outreach.reports.selectors import ReportFilters, build_report, suppress_small

    cao_xanh, hong_gai = _ward("Cao Xanh"), _ward("Hồng Gai")
    days = [
        (cao_xanh, datetime.date(2026, 3, 2)),
        (cao_xanh, datetime.date(2026, 3, 30)),
        (hong_gai, datetime.date(2026, 3, 5)),
        (cao_xanh, datetime.date(2026, 4, 1)),
        (None, datetime.date(2026, 4, 9)),
        (cao_xanh, datetime.date(2026, 5, 1)),  # outside the period
    ]
    for ward, day in days:
        Tip.objects.filter(pk=_tip(ward).pk).update(received_on=day)
    rollups.refresh_all()
    coordinator = get_user_model().objects.get(username="coordinator")

    def count(start, end, **filters):
        report = build_report(
            user=coordinator, filters=ReportFilters(start=start, end=end, **filters)
        )
        return report.figures["tips_received"].value

    march, april = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)
    assert count(march, april) == 5
    assert count(march, march) == 3
    assert count(april, april) == 2  # one about "another place"
    assert [suppress_small(n) for n in (0, 4, 5, 12)] == ["< 5", "< 5", "5", "12"]


def test_worker_precaches_the_tip_form_and_its_script(client, demo):
    worker = client.get("/sw.js").content.decode()
    assert '"/bao\\u002Dtin/"' in worker and '"/en/tip/"' in worker
    assert "js/tip.js" in worker


def test_tips_per_month_reach_the_reports_as_a_count(
    client, cao_xanh, django_capture_on_commit_callbacks
):
    """A tip sent through the public form is counted in the coordinator's report for its
    month and ward as it is written; the report shows the count, never the text."""
    from django.contrib.auth import get_user_model

    from outreach.reports.selectors import ReportFilters, build_report

    with django_capture_on_commit_callbacks(execute=True):
        assert _send_outbox(client, _fields(cao_xanh), uuid.uuid4()).status_code == 201
    tip = Tip.objects.get()
    month = tip.received_on.replace(day=1)
    coordinator = get_user_model().objects.get(username="coordinator")
    report = build_report(user=coordinator, filters=ReportFilters(start=month, end=month))
    assert report.figures["tips_received"].value == 1
    other_month = datetime.date(month.year - 1, month.month, 1)
    earlier = build_report(
        user=coordinator, filters=ReportFilters(start=other_month, end=other_month)
    )
    assert earlier.figures["tips_received"].value == 0
    client.cookies.clear()
    public = client.get(f"/thong-ke/?year={month.year}").content.decode()
    assert 'data-indicator="tips_received"' in public
    assert tip.text not in public
