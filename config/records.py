"""What the records of every app share: folded text for searching, and stale edits.

- ``FoldedText``: text fields stored in NFC with a folded copy (``config.text.fold_vi``)
  in a ``*_folded`` column, which admin listings search ("hong gai" finds "Hồng Gai").
  Every model with a folded column inherits it; no model writes its own ``save()`` copy.
- ``StaleEdit``: raised by a service when an edit was based on a version of the record that
  has moved on since the form was opened; the sync protocol answers it with a 409.
"""

from django.core.exceptions import ValidationError
from django.db import models

from config.text import fold_vi, to_nfc


class FoldedText(models.Model):
    """Text stored in NFC, single-spaced, with a folded copy for diacritics-free search.

    ``FOLDED`` maps a text field to its ``*_folded`` column. ``save()`` fills them; bulk
    loads (which skip ``save()``) call ``normalize()`` themselves.
    """

    FOLDED: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize()
        super().save(*args, **kwargs)

    def normalize(self) -> None:
        for source, folded in self.FOLDED.items():
            value = " ".join(to_nfc(getattr(self, source)).split())
            setattr(self, source, value)
            setattr(self, folded, fold_vi(value))


class StaleEdit(ValidationError):
    """The record changed since the form was opened (its version moved on)."""
