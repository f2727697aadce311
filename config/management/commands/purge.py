"""Run every registered retention purger (``config.retention``); daily from cron."""

from django.core.management.base import BaseCommand

from config.retention import run_purgers


class Command(BaseCommand):
    help = "Delete what is past its retention period (every registered purger)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be deleted; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        results = run_purgers(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for path, counts in results.items():
            summary = ", ".join(f"{label}: {count}" for label, count in counts.items()) or "-"
            self.stdout.write(f"{path}: {verb} {summary}")
