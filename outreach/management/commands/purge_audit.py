"""Remove audit rows older than SAFEWARD_AUDIT_RETENTION_DAYS (run daily from cron).

The only path that deletes audit rows: the app's models, querysets and admin refuse to.
It deletes nothing younger than the retention period, whatever it is asked.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from outreach.models import AuditEntry


def purge_audit(*, now: datetime.datetime | None = None) -> int:
    """Delete audit rows past their retention; return how many."""
    days = settings.SAFEWARD_AUDIT_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = AuditEntry.objects.filter(at__lt=cutoff)
    # QuerySet.delete() refuses; the raw delete skips signals and the refusal on purpose.
    return old._raw_delete(old.db)


class Command(BaseCommand):
    help = "Delete audit rows older than SAFEWARD_AUDIT_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = purge_audit()
        self.stdout.write(f"Deleted {count} audit rows past their retention.")
