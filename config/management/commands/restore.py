"""Restore a backup made by `manage.py backup` into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup folder into an EMPTY database (and copy its media files back)."

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="a folder written by `manage.py backup`")
        parser.add_argument(
            "--database-url", help="target database (default: the configured one); must be empty"
        )
        parser.add_argument("--media-root", help="target media folder (default: MEDIA_ROOT)")

    def handle(self, *args, backup_dir, database_url, media_root, **options):
        try:
            restore_backup(
                backup_dir=Path(backup_dir),
                database_url=database_url,
                media_root=Path(media_root) if media_root else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {backup_dir}")
