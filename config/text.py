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


# Vietnamese letter order: đ after d, ă and â after a, ê after e, ô and ơ after o, ư after u.
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tones sort after the letters, in the dictionary order: none, grave (huyền), hook (hỏi),
# tilde (ngã), acute (sắc), dot below (nặng).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a new letter rather than a tone: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_LETTER_CODES = {letter: 100 + index for index, letter in enumerate(VI_ALPHABET)}


def _letters(text: str) -> list[tuple[str, int]]:
    """Split lower-case NFC *text* into (letter without tone, tone number) pairs."""
    pairs = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = 0
        base = decomposed[0]
        for mark in decomposed[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                base += mark
        pairs.append((unicodedata.normalize("NFC", base), tone))
    return pairs


def vi_sort_key(value: str) -> str:
    """A key that sorts Vietnamese text in dictionary order, as plain digits.

    Letters compare first in Vietnamese order (a ă â b c d đ e ê ...), then tones (none,
    huyền, hỏi, ngã, sắc, nặng), then case is ignored. The key holds only digits, so it sorts
    the same in Python, SQLite and any PostgreSQL collation, and can be stored in a column.
    """
    letters = _letters(" ".join(to_nfc(value).lower().split()))
    primary, tones = [], []
    for base, tone in letters:
        if base == " ":
            primary.append("001")
        elif base.isdigit():
            primary.append(f"{10 + int(base):03d}")
        else:
            primary.append(f"{_LETTER_CODES.get(base, 900):03d}")
        tones.append(str(tone))
    # "000" ends the letters, so a shorter name sorts before a longer one it begins.
    return "".join(primary) + "000" + "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Sort key for a Vietnamese full name: by given name (the last word) first.

    "Nguyễn Thị Hoa" sorts under "Hoa", then by family and middle names.
    """
    words = to_nfc(full_name).split()
    if not words:
        return ""
    return vi_sort_key(" ".join([words[-1], *words[:-1]]))
