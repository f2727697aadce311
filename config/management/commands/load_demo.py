"""Load SafeWard's demo data: the accounts, then what every app registered (``config.demo``).

Idempotent: a second run finds everything in place and changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config import demo


class Command(BaseCommand):
    help = "Create the demo accounts and demo content (development and test settings only)."

    def handle(self, *args, **options):
        if not settings.SAFEWARD_DEMO_ALLOWED:
            raise CommandError(
                "Demo accounts are refused with these settings (production). "
                "Use config.settings.dev."
            )
        with transaction.atomic():
            accounts = demo.load_all(stdout=self.stdout)
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
