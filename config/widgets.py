"""Fixes to Wagtail widgets found by the fuzz tests (tests/security/test_fuzz.py)."""

from django.core.exceptions import ValidationError


def tolerate_bad_chooser_ids() -> None:
    """A chooser field posted with something that is not an id (``"abc"``) is an invalid
    form, shown again with its error; Wagtail's ``BaseChooser.get_instance`` raised
    ValueError while redrawing it (a 500). Treat such a value as "nothing chosen"."""
    from wagtail.admin.widgets.chooser import BaseChooser

    original = BaseChooser.get_instance
    if getattr(original, "_safeward_tolerant", False):
        return

    def get_instance(self, value):
        try:
            return original(self, value)
        except (ValueError, TypeError, ValidationError, OverflowError):
            return None

    get_instance._safeward_tolerant = True
    BaseChooser.get_instance = get_instance
