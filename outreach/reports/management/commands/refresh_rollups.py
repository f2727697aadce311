"""Rebuild the report rollups from the records (a cron entry runs it nightly)."""

import time

from django.core.management.base import BaseCommand

from outreach.reports import rollups


class Command(BaseCommand):
    help = "Rebuild every stored report figure (ReportRollup) from the records."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rollups.refresh_all()
        self.stdout.write(f"{count} report rows rebuilt in {time.perf_counter() - started:.1f} s.")
