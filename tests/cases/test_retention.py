"""`manage.py purge`: closed cases go with their history after the retention period, audit
rows after theirs; a dry run changes nothing and a second run finds nothing."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from outreach.cases import services
from outreach.cases.audit import Actor
from outreach.cases.models import AuditEntry, Case, Consent, FollowUp, Referral, ReferralStep

pytestmark = pytest.mark.django_db

CASES = "outreach.cases.retention.purge_closed_cases"
AUDIT = "outreach.cases.retention.purge_audit_rows"


def _purge(*args) -> str:
    out = io.StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def _line(output: str, purger: str) -> str:
    (line,) = [line for line in output.splitlines() if line.startswith(purger)]
    return line


def _history(case_pk) -> tuple:
    return (
        Case.objects.filter(pk=case_pk).count(),
        Consent.objects.filter(case_id=case_pk).count(),
        FollowUp.objects.filter(case_id=case_pk).count(),
        Referral.objects.filter(case_id=case_pk).count(),
        ReferralStep.objects.filter(referral__case_id=case_pk).count(),
    )


@pytest.fixture
def closed_case(demo, settings):
    """A demo case with follow-ups and a referral, closed today; retention one year."""
    settings.SAFEWARD_CASE_RETENTION_DAYS = 365
    # Start from a clean slate: whatever the demo already holds past retention goes now.
    _purge()
    case = (
        Case.objects.exclude(status=Case.Status.CLOSED)
        .filter(follow_ups__isnull=False, referrals__isnull=False)
        .distinct()
        .first()
    )
    leader = get_user_model().objects.get(username="coordinator")
    services.case_update(case=case, actor=Actor(user=leader), status=Case.Status.CLOSED)
    case.refresh_from_db()
    assert case.closed_on == timezone.localdate()
    return case


def test_a_closed_case_stays_until_its_retention_has_passed(closed_case):
    before = _history(closed_case.pk)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=364)):
        output = _purge()
    assert "cases: 0" in _line(output, CASES)
    assert _history(closed_case.pk) == before


def test_purge_removes_the_case_and_its_history_and_the_audit_says_so(closed_case):
    pk, code = closed_case.pk, closed_case.code
    consents, follow_ups, referrals, steps = _history(pk)[1:]
    assert follow_ups and referrals and consents
    open_cases = Case.objects.exclude(status=Case.Status.CLOSED).count()
    audit_before = AuditEntry.objects.filter(case_ref=pk).count()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        dry = _purge("--dry-run")
        assert _history(pk)[0] == 1  # a dry run changes nothing
        output = _purge()
        again = _purge()

    assert _line(dry, CASES) == _line(output, CASES).replace("deleted", "would delete")
    assert _line(output, CASES) == (
        f"{CASES}: deleted cases: 1, consents: {consents}, follow-ups: {follow_ups}, "
        f"referrals: {referrals}, referral steps: {steps}"
    )
    assert _history(pk) == (0, 0, 0, 0, 0)
    assert Case.objects.exclude(status=Case.Status.CLOSED).count() == open_cases
    # The earlier audit rows stay; one more says the case was purged, by the system.
    rows = AuditEntry.objects.filter(case_ref=pk)
    assert rows.count() == audit_before + 1
    last = rows.order_by("-pk").first()
    assert (last.action, last.detail, last.role, last.case_code) == (
        "erase",
        "purged: retention",
        "system",
        code,
    )
    # Idempotent: nothing is left to purge.
    assert "cases: 0" in _line(again, CASES)


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_audit_rows_go_after_their_own_retention_only(demo, settings):
    settings.SAFEWARD_AUDIT_RETENTION_DAYS = 30
    _purge()
    total = AuditEntry.objects.count()
    old = AuditEntry.objects.create(
        username="x", role="coordinator", action="view", at=_days_ago(31)
    )
    recent = AuditEntry.objects.create(
        username="x", role="coordinator", action="view", at=_days_ago(29)
    )
    assert _line(_purge("--dry-run"), AUDIT) == f"{AUDIT}: would delete audit rows: 1"
    assert AuditEntry.objects.filter(pk=old.pk).exists()
    assert _line(_purge(), AUDIT) == f"{AUDIT}: deleted audit rows: 1"
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
    assert AuditEntry.objects.count() == total + 1
    assert _line(_purge(), AUDIT) == f"{AUDIT}: deleted audit rows: 0"
    # Two days later the second row is past retention too.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert _line(_purge(), AUDIT) == f"{AUDIT}: deleted audit rows: 1"


CALLS = []


def purge_test_things(*, now, dry_run=False):
    CALLS.append((now, dry_run))
    return {"things": 0 if dry_run else 3}


def test_every_registered_purger_runs_with_the_same_time(demo, monkeypatch):
    from config import retention

    monkeypatch.setattr(retention, "_PURGERS", dict(retention._PURGERS))
    retention.register(purge_test_things)
    CALLS.clear()
    output = _purge("--dry-run")
    assert f"{__name__}.purge_test_things: would delete things: 0" in output
    assert CASES in output and AUDIT in output
    _purge()
    assert [dry for _now, dry in CALLS] == [True, False]
    assert all(abs(now - timezone.now()) < datetime.timedelta(minutes=1) for now, _dry in CALLS)
