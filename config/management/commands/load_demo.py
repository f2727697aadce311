"""Load SafeWard's demo data: accounts, awareness content, the pilot clubs, then outreach.

Idempotent: a second run finds everything in place and changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clubs import demo as clubs_demo
from config import demo
from content import demo as content_demo
from outreach import demo as outreach_demo
from outreach import rollups


class Command(BaseCommand):
    help = "Create the demo accounts and demo content (development and test settings only)."

    def handle(self, *args, **options):
        if not settings.SAFEWARD_DEMO_ALLOWED:
            raise CommandError(
                "Demo accounts are refused with these settings (production). "
                "Use config.settings.dev."
            )
        with transaction.atomic(), rollups.paused():
            before = rollups.record_counts()
            accounts = demo.load_accounts()
            content_demo.load(stdout=self.stdout)
            clubs_demo.load(stdout=self.stdout)
            outreach_demo.load(stdout=self.stdout)
            # Demo records are bulk-loaded and back-dated: count them once, at the end
            # (a second run adds nothing and leaves a large database's rollups alone).
            if rollups.record_counts() != before:
                rollups.refresh_all()
        self.stdout.write("")
        self.stdout.write(
            f"Demo accounts (password: {demo.DEMO_PASSWORD}; two-factor secret for an "
            f"authenticator app: {demo.demo_totp_secret()}, "
            f"e.g. `oathtool --totp -b {demo.demo_totp_secret()}`):"
        )
        width = max(len(username) for username, _ in accounts)
        for username, title in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {title}")
        self.stdout.write("Admin: http://127.0.0.1:8000/admin/   Site: http://127.0.0.1:8000/")
