"""``makemessages`` that keeps the third-party strings SafeWard translates itself.

Wagtail's admin is only partly translated into Vietnamese and django-import-export not at
all, so the project's catalogues carry those strings too (Django reads LOCALE_PATHS first).
They appear in no project source, so gettext's msgmerge would mark them obsolete on every
run; entries whose translator comment starts with ``third-party`` are made active again.
"""

from pathlib import Path

from django.core.management.commands import makemessages

THIRD_PARTY_MARK = "third-party"


def keep_third_party(po_path: Path) -> int:
    """Make the obsolete third-party entries of *po_path* active again; return how many."""
    import polib  # a development dependency, like gettext itself

    catalogue = polib.pofile(str(po_path), wrapwidth=79)
    kept = 0
    for entry in catalogue:
        if entry.obsolete and entry.tcomment.startswith(THIRD_PARTY_MARK):
            entry.obsolete = False
            kept += 1
    if kept:
        catalogue.save()
    return kept


class Command(makemessages.Command):
    # No fuzzy matching: msgmerge would otherwise turn an obsolete third-party entry into a
    # guess for a new project string, and the third-party entry would be lost.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def write_po_file(self, potfile, locale):
        super().write_po_file(potfile, locale)
        po_path = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        if po_path.exists():
            keep_third_party(po_path)
