"""Vietnamese text helpers used by every app: NFC storage and diacritics-free folding."""

import unicodedata


def to_nfc(value: str) -> str:
    """Return *value* in Unicode NFC, the form SafeWard stores all text in."""
    return unicodedata.normalize("NFC", value or "")


def fold_vi(value: str) -> str:
    """Fold Vietnamese text for matching: lower case, no accents, ``đ`` as ``d``.

    ``fold_vi("Hồng Gai") == fold_vi("hong gai") == "hong gai"``. Unicode does not
    decompose ``đ``, so it is replaced explicitly. Runs of white space become one space.
    """
    text = unicodedata.normalize("NFD", to_nfc(value).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d")
    return " ".join(unicodedata.normalize("NFC", text).split())
