"""What the cases app deletes when its time comes, run daily by ``manage.py purge`` (every
purger registers itself in ``config.retention``):

- closed cases ``SAFEWARD_CASE_RETENTION_DAYS`` after closing, with their consents,
  follow-ups, referrals and referral steps (each purge adds an audit row);
- audit rows older than ``SAFEWARD_AUDIT_RETENTION_DAYS``;
- anonymous tips older than ``SAFEWARD_TIP_RETENTION_DAYS``, with their sync receipts.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.models import SyncReceipt
from config.retention import register
from outreach.cases.audit import Actor
from outreach.cases.models import AuditEntry, Consent, FollowUp, Referral, ReferralStep, Tip
from outreach.cases.selectors import cases_closed_before
from outreach.cases.services import case_purge
from outreach.cases.tips import SYNC_KIND


@register
def purge_closed_cases(*, now: datetime.datetime, dry_run: bool = False) -> dict[str, int]:
    """Closed cases past SAFEWARD_CASE_RETENTION_DAYS, with their consents, follow-ups,
    referrals and referral steps. Each purge writes an audit row ("purged: retention"); the
    older audit rows stay (they have their own retention). Sync receipts stay too: they hold
    no content, and they stop a phone's stale outbox item from bringing a purged record back.
    """
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


@register
def purge_audit_rows(*, now: datetime.datetime, dry_run: bool = False) -> dict[str, int]:
    """Audit rows older than SAFEWARD_AUDIT_RETENTION_DAYS: the only path that deletes them
    (the app's models, querysets and admin refuse to)."""
    cutoff = now - datetime.timedelta(days=settings.SAFEWARD_AUDIT_RETENTION_DAYS)
    if dry_run:
        return {"audit rows": AuditEntry.objects.filter(at__lt=cutoff).count()}
    with transaction.atomic():
        return {"audit rows": AuditEntry.objects.expire(before=cutoff)}


@register
def purge_expired_tips(*, now: datetime.datetime, dry_run: bool = False) -> dict[str, int]:
    """Delete tips received more than ``SAFEWARD_TIP_RETENTION_DAYS`` days before *now*, and
    their sync receipts. Cases made from them stay (they keep the code); audit rows stay.
    Returns what was (or, with *dry_run*, would be) deleted."""
    days = settings.SAFEWARD_TIP_RETENTION_DAYS
    cutoff = timezone.localtime(now).date() - datetime.timedelta(days=days)
    expired = Tip.objects.filter(received_on__lt=cutoff)
    ids = [str(pk) for pk in expired.values_list("pk", flat=True)]
    receipts = SyncReceipt.objects.filter(kind=SYNC_KIND, object_id__in=ids)
    counts = {"tips": len(ids), "tip_receipts": receipts.count()}
    if not dry_run and ids:
        with transaction.atomic():
            receipts.delete()
            Tip.objects.filter(pk__in=ids).delete()
    return counts
