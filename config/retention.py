"""Retention: every purger the project registers, run by one command (``manage.py purge``).

``settings.SAFEWARD_RETENTION_PURGERS`` lists dotted paths of purgers. A purger is
``f(*, now, dry_run=False) -> dict[str, int]``: it removes what is past its retention at
*now* (nothing when *dry_run*) and returns, per label, how many rows or files it removed
(or would remove). Running it twice removes nothing the second time.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

Purger = Callable[..., dict[str, int]]


def registered_purgers() -> list[tuple[str, Purger]]:
    """The purgers named in settings, in order, as ``(dotted path, function)``."""
    return [(path, import_string(path)) for path in settings.SAFEWARD_RETENTION_PURGERS]


def run_purgers(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[str, dict[str, int]]:
    """Run every registered purger; return each one's counts under its dotted path."""
    now = now or timezone.now()
    return {path: purger(now=now, dry_run=dry_run) for path, purger in registered_purgers()}


def purge_closed_cases(*, now: datetime.datetime, dry_run: bool = False) -> dict[str, int]:
    """Closed cases past SAFEWARD_CASE_RETENTION_DAYS, with their consents, follow-ups,
    referrals and referral steps. Each purge writes an audit row ("purged: retention"); the
    older audit rows stay (they have their own retention). Sync receipts stay too: they hold
    no content, and they stop a phone's stale outbox item from bringing a purged record back.
    """
    from outreach.audit import Actor
    from outreach.models import Consent, FollowUp, Referral, ReferralStep
    from outreach.selectors import cases_closed_before
    from outreach.services import case_purge

    days = settings.SAFEWARD_CASE_RETENTION_DAYS
    cutoff = timezone.localdate(now) - datetime.timedelta(days=days)
    cases = cases_closed_before(day=cutoff).order_by("pk")
    counts = {
        "cases": cases.count(),
        "consents": Consent.objects.filter(case__in=cases).count(),
        "follow-ups": FollowUp.objects.filter(case__in=cases).count(),
        "referrals": Referral.objects.filter(case__in=cases).count(),
        "referral steps": ReferralStep.objects.filter(referral__case__in=cases).count(),
    }
    if not dry_run:
        actor = Actor(user=None, path="manage.py purge")
        for case in cases.select_related("club"):
            case_purge(case=case, actor=actor, reason="retention")
    return counts


def purge_audit_rows(*, now: datetime.datetime, dry_run: bool = False) -> dict[str, int]:
    """Audit rows older than SAFEWARD_AUDIT_RETENTION_DAYS: the only path that deletes them
    (the app's models, querysets and admin refuse to)."""
    from outreach.models import AuditEntry

    cutoff = now - datetime.timedelta(days=settings.SAFEWARD_AUDIT_RETENTION_DAYS)
    old = AuditEntry.objects.filter(at__lt=cutoff)
    if dry_run:
        return {"audit rows": old.count()}
    with transaction.atomic():
        # QuerySet.delete() refuses; the raw delete skips signals and the refusal on purpose.
        return {"audit rows": old._raw_delete(old.db)}
