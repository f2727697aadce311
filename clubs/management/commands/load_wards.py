"""Load administrative units: the pinned Quảng Ninh reference file, or a national list.

    manage.py load_wards                      # the pinned file shipped in clubs/data/
    manage.py load_wards units.csv            # a national list (CSV, UTF-8)
    manage.py load_wards other-reference.json # another file in the pinned format

Running it again changes nothing; units are matched without keying on official codes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clubs.wards import PINNED_FILE, load_national_list, load_reference


class Command(BaseCommand):
    help = "Load administrative units (wards) from the pinned reference file or a national list."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(PINNED_FILE))

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            if path.suffix.lower() == ".json":
                counts = load_reference(path)
            else:
                counts = load_national_list(path.read_text(encoding="utf-8-sig"))
        except (ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
        self.stdout.write(f"{path.name}: {summary}")
