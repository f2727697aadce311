"""No personal data in logs or error reports: a canary sent to a case view that fails (and
logs carelessly on the way) is in no log line and not in the admins' error e-mail."""

import io
import logging
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.http import QueryDict

from config.logging import RedactPersonalData, redact
from outreach.cases.models import Case, FollowUp

pytestmark = pytest.mark.django_db

PHONE = "0912 000 111"
ID_NUMBER = "022301000111"


def test_every_handler_in_logging_redacts():
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "redact_personal_data" in handler.get("filters", []), name
    # ... and so do the handlers Django actually installed from it.
    installed = [*logging.getLogger().handlers]
    for name in settings.LOGGING["loggers"]:
        installed += logging.getLogger(name).handlers
    ours = [h for h in installed if h.get_name() in handlers]
    assert {h.get_name() for h in ours} == set(handlers)
    for handler in ours:
        assert any(isinstance(f, RedactPersonalData) for f in handler.filters), handler


@pytest.mark.parametrize(
    ("text", "secrets", "kept"),
    [
        (str(QueryDict("full_name=Trần+Canary&club=3")), ["Canary", "club"], "<QueryDict: "),
        ("full_name=Trần Canary&phone=0912000111&club=3", ["Canary", "0912"], "&club=3"),
        ("{'note': 'Gặp Canary', 'method': 'visit'}", ["Canary"], "'method': 'visit'"),
        ('{"case_address": "Tổ 5 Canary", "on": "2025-01-02"}', ["Canary"], '"on": "2025-01-02"'),
        ("gọi +84 912 000 111 hoặc 0912.000.111", ["912", "0912"], "gọi"),
        (f"CCCD {ID_NUMBER} nhé", [ID_NUMBER], "CCCD"),
    ],
)
def test_redact_keeps_the_message_but_not_the_values(text, secrets, kept):
    cleaned = redact(text)
    assert kept in cleaned
    assert "[redacted]" in cleaned
    for secret in secrets:
        assert secret not in cleaned


def test_redact_leaves_ordinary_lines_alone():
    for line in ["GET /field/cases/12/ 200 5123", "username=coordinator locked out", "CX-2025-003"]:
        assert redact(line) == line


@pytest.fixture
def console():
    """The console handler from LOGGING (root logger), writing into a StringIO."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.fixture
def failing(monkeypatch):
    """Make the follow-up service and the admin case listing log carelessly, then fail."""
    logger = logging.getLogger("outreach.cases.services")

    def follow_up_record(*, case, actor, client_uuid=None, **data):
        logger.warning("Follow-up not saved: %r, caller %s, id %s", data, PHONE, ID_NUMBER)
        logger.warning("Form was %s", actor.user and QueryDict(f"note={data['note']}"))
        raise RuntimeError("the database went away")

    def audit_request(request, **kwargs):
        logger.warning("search q=%s by %s", request.GET.get("q"), request.user)
        raise RuntimeError("the audit table is locked")

    monkeypatch.setattr("outreach.cases.services.follow_up_record", follow_up_record)
    monkeypatch.setattr("outreach.cases.viewsets.audit_request", audit_request)


def _assert_clean(text: str, canary: str):
    assert canary not in text
    assert canary.lower() not in text
    assert "0912" not in text and ID_NUMBER not in text


def test_canary_in_a_failing_case_view_reaches_no_log_or_error_mail(
    client, login, settings, caplog, console, failing
):
    settings.ADMINS = [("Quản trị", "admin@safeward.example")]
    caplog.set_level(logging.DEBUG)
    client.raise_request_exception = False
    canary = f"Canary{uuid.uuid4().hex[:12]}"
    login("leader-cao-xanh")
    case = Case.objects.filter(
        club__ward__name="Cao Xanh", personal_data_erased_at__isnull=True
    ).first()
    before = FollowUp.objects.count()

    response = client.post(
        f"/field/cases/{case.pk}/follow-ups/new/",
        {
            "done_on": "01/02/2025",
            "method": "phone",
            "outcome": "stable",
            "note": f"Gặp {canary}",
            "phone": PHONE,
        },
    )
    assert response.status_code == 500
    assert FollowUp.objects.count() == before
    login("coordinator")
    response = client.get(f"/admin/outreach/cases/?q={canary}")
    assert response.status_code == 500

    # The records were there (the warnings and both errors), redacted.
    assert caplog.text.count("Internal Server Error") == 2
    assert "Follow-up not saved" in caplog.text and "search q=[redacted]" in caplog.text
    assert "the database went away" in caplog.text
    _assert_clean(caplog.text, canary)
    for record in caplog.records:
        _assert_clean(record.getMessage(), canary)
    written = console.getvalue()
    assert "Follow-up not saved" in written and "Internal Server Error" in written
    _assert_clean(written, canary)

    # One error e-mail per failure: the request is described, its data is not.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == ["admin@safeward.example"]
        body = message.subject + message.body
        assert "Request information" in message.body
        _assert_clean(body, canary)
        for alternative, _type in getattr(message, "alternatives", []):
            _assert_clean(alternative, canary)
    field_mail, admin_mail = mail.outbox
    assert "POST:" in field_mail.body and "********" in field_mail.body
    assert "the database went away" in field_mail.body
    assert "GET:\nq = " in admin_mail.body and "[redacted]" in admin_mail.body
