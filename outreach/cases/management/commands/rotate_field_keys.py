"""Re-encrypt every encrypted field with the newest key of SAFEWARD_FIELD_KEYS.

Rotation: put the new key first in SAFEWARD_FIELD_KEYS (old keys after it), run this
command, then drop the old keys. A value that no listed key opens stops the command
before anything is written (it runs in one transaction).
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from outreach.cases import crypto
from outreach.cases.fields import EncryptedTextField


def encrypted_models() -> list:
    """Every model with an encrypted field (cases, follow-ups, referrals, their steps, tips)."""
    return [
        model
        for model in apps.get_models()
        if any(isinstance(field, EncryptedTextField) for field in model._meta.fields)
    ]


def rotate_all() -> int:
    """Re-encrypt every stored token with the newest key; return how many rows changed."""
    changed = 0
    with transaction.atomic():
        for model in encrypted_models():
            names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            # Read the stored tokens as they are (the ORM would decrypt them on the way in).
            table = model._meta.db_table
            columns = [model._meta.get_field(n).column for n in names]
            with connection.cursor() as cursor:
                quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
                cursor.execute(f"SELECT id, {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
                stored = cursor.fetchall()
                for row in stored:
                    pk, values = row[0], row[1:]
                    rotated = [crypto.rotate(value or "") for value in values]
                    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
                    cursor.execute(
                        f"UPDATE {connection.ops.quote_name(table)} SET {assignments} "  # noqa: S608
                        "WHERE id = %s",
                        [*rotated, pk],
                    )
                    changed += 1
    return changed


class Command(BaseCommand):
    help = "Re-encrypt the at-risk people's encrypted fields with the newest key."

    def handle(self, *args, **options):
        crypto.reset_keys()
        count = rotate_all()
        self.stdout.write(f"Re-encrypted {count} rows with the newest key.")
