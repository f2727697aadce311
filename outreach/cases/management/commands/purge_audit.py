"""Kept for existing cron lines: the audit purger alone. ``manage.py purge`` runs it with
every other purger (see outreach.cases.retention)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from outreach.cases.retention import purge_audit_rows


def purge_audit(*, now: datetime.datetime | None = None) -> int:
    """Delete audit rows past their retention; return how many."""
    return purge_audit_rows(now=now or timezone.now())["audit rows"]


class Command(BaseCommand):
    help = "Delete audit rows older than SAFEWARD_AUDIT_RETENTION_DAYS (manage.py purge does too)."

    def handle(self, *args, **options):
        count = purge_audit()
        self.stdout.write(f"Deleted {count} audit rows past their retention.")
