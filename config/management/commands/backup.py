"""Back up the database and uploaded files (see config.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a backup (database + media) into a new folder under --output-dir."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", help="where backup folders go")

    def handle(self, *args, output_dir, **options):
        try:
            target = create_backup(output_dir=Path(output_dir))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {target}")
