"""Loading administrative units: the pinned reference file and the national list.

Units are matched by what identifies them at a time (name, kind, parent, start date, and
the official code when known), never by the code alone: codes were reused in 2025.
Both loaders are idempotent and work with the migration's historical models too.
"""

import csv
import datetime
import io
import json
from pathlib import Path

from django.db import transaction

from config.text import fold_vi, to_nfc

PINNED_FILE = Path(__file__).resolve().parent / "data" / "wards_quang_ninh_2025.json"

# Column names of the national list (a CSV export of the statistics office's list,
# reduced to these columns; Vietnamese headings accepted too).
NATIONAL_COLUMNS = {
    "code": ("code", "ma", "ma dvhc"),
    "name": ("name", "ten", "ten dvhc"),
    "kind": ("kind", "cap", "loai"),
    "parent_code": ("parent_code", "ma cap tren", "ma tinh", "ma huyen"),
    "valid_from": ("valid_from", "hieu luc tu", "tu ngay"),
    "valid_to": ("valid_to", "hieu luc den", "den ngay"),
    "legal_act": ("legal_act", "van ban", "can cu"),
}
KIND_WORDS = {
    "tinh": "province",
    "thanh pho trung uong": "province",
    "thanh pho": "city",
    "thi xa": "town",
    "huyen": "district",
    "quan": "district",
    "phuong": "ward",
    "xa": "commune",
    "thi tran": "township",
    "dac khu": "special_zone",
}


def _models(Ward=None, WardSuccession=None):
    if Ward is None or WardSuccession is None:
        from clubs.models import Ward, WardSuccession
    return Ward, WardSuccession


def _date(value) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Not a date (yyyy-mm-dd or dd/mm/yyyy): {value!r}")


def _upsert_unit(Ward, *, code, name, kind, parent, valid_from, valid_to, legal_act):
    """Find the unit (by code and start date, or by name, kind, parent and start date when it
    has no code yet) and bring it in line with the file; create it if missing."""
    name = to_nfc(name).strip()
    unit = None
    if code:
        unit = Ward.objects.filter(code=code, valid_from=valid_from).first()
    if unit is None:
        unit = Ward.objects.filter(
            name=name, kind=kind, parent=parent, valid_from=valid_from
        ).first()
    values = {
        "code": code or (unit.code if unit else ""),
        "name": name,
        "name_folded": fold_vi(name),
        "kind": kind,
        "parent": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "legal_act": legal_act or (unit.legal_act if unit else ""),
    }
    if unit is None:
        return Ward.objects.create(**values), True
    changed = [field for field, value in values.items() if getattr(unit, field) != value]
    if changed:
        for field in changed:
            setattr(unit, field, values[field])
        unit.save(update_fields=changed)
    return unit, False


@transaction.atomic
def load_reference(path: Path = PINNED_FILE, *, Ward=None, WardSuccession=None) -> dict:
    """Load a pinned reference file (JSON: units with refs, successions between refs)."""
    Ward, WardSuccession = _models(Ward, WardSuccession)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    by_ref, created = {}, 0
    for row in data["units"]:
        unit, was_created = _upsert_unit(
            Ward,
            code=row.get("code", ""),
            name=row["name"],
            kind=row["kind"],
            parent=by_ref[row["parent"]] if row.get("parent") else None,
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            legal_act=row.get("legal_act", ""),
        )
        by_ref[row["ref"]] = unit
        created += was_created
    links = 0
    for row in data.get("successions", []):
        _, was_created = WardSuccession.objects.update_or_create(
            predecessor=by_ref[row["from"]],
            successor=by_ref[row["to"]],
            defaults={
                "kind": row["kind"],
                "effective_on": _date(row["effective_on"]),
                "legal_act": row.get("legal_act", ""),
            },
        )
        links += was_created
    return {"units": len(by_ref), "created": created, "successions_created": links}


def _column_map(headers: list[str]) -> dict[str, int]:
    folded = [fold_vi(header).replace("_", " ") for header in headers]
    found = {}
    for column, names in NATIONAL_COLUMNS.items():
        for index, header in enumerate(folded):
            if header in {fold_vi(name).replace("_", " ") for name in names}:
                found[column] = index
                break
    missing = {"code", "name", "kind"} - found.keys()
    if missing:
        raise ValueError(f"Missing columns: {', '.join(sorted(missing))}")
    return found


def _kind(value: str) -> str:
    folded = fold_vi(value)
    if folded in KIND_WORDS.values():
        return folded
    # Longest words first: "thanh pho trung uong" before "thanh pho", "thi tran" before "xa".
    for word in sorted(KIND_WORDS, key=len, reverse=True):
        if folded.startswith(word):
            return KIND_WORDS[word]
    raise ValueError(f"Unknown kind of unit: {value!r}")


@transaction.atomic
def load_national_list(text: str, *, Ward=None) -> dict:
    """Load a national list (CSV text). Parents must come before their children."""
    Ward, _ = _models(Ward, None)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    columns = _column_map(rows[0])

    def cell(row, name):
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    created = updated = 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in row):
            continue
        try:
            valid_from = _date(cell(row, "valid_from"))
            valid_to = _date(cell(row, "valid_to"))
            parent = None
            if parent_code := cell(row, "parent_code"):
                candidates = Ward.objects.filter(code=parent_code).order_by("-valid_from")
                # The parent in force when the unit was (first day, else last day, else today).
                day = valid_from or valid_to or datetime.date.today()
                parent = next(
                    (
                        unit
                        for unit in candidates
                        if (unit.valid_from is None or unit.valid_from <= day)
                        and (unit.valid_to is None or day <= unit.valid_to)
                    ),
                    None,
                )
                if parent is None:
                    raise ValueError(f"No unit with code {parent_code} on {day:%d/%m/%Y}")
            _, was_created = _upsert_unit(
                Ward,
                code=cell(row, "code"),
                name=cell(row, "name"),
                kind=_kind(cell(row, "kind")),
                parent=parent,
                valid_from=valid_from,
                valid_to=valid_to,
                legal_act=cell(row, "legal_act"),
            )
        except ValueError as error:
            raise ValueError(f"Line {line}: {error}") from error
        created += was_created
        updated += not was_created
    return {"created": created, "matched": updated}
