"""Ship the pinned reference units (the pilot wards before and after 1 July 2025).

The loader is frozen here, as it was when this migration was written: later changes to the
models or to ``clubs.wards`` cannot break a fresh ``migrate``. It reads the pinned file
``clubs/data/wards_quang_ninh_2025.json`` (units with refs, successions between refs).
"""

import datetime
import json
import unicodedata
from pathlib import Path

from django.db import migrations

PINNED_FILE = Path(__file__).resolve().parent.parent / "data" / "wards_quang_ninh_2025.json"


def _fold(value: str) -> str:
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", value or "").lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("đ", "d")
    return " ".join(unicodedata.normalize("NFC", text).split())


def _date(value):
    value = (value or "").strip()
    return datetime.date.fromisoformat(value) if value else None


def _upsert_unit(Ward, *, code, name, kind, parent, valid_from, valid_to, legal_act):
    name = unicodedata.normalize("NFC", name).strip()
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
        "name_folded": _fold(name),
        "kind": kind,
        "parent": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "legal_act": legal_act or (unit.legal_act if unit else ""),
    }
    if unit is None:
        return Ward.objects.create(**values)
    for field, value in values.items():
        setattr(unit, field, value)
    unit.save()
    return unit


def load(apps, schema_editor):
    Ward = apps.get_model("clubs", "Ward")
    WardSuccession = apps.get_model("clubs", "WardSuccession")
    data = json.loads(PINNED_FILE.read_text(encoding="utf-8"))
    by_ref = {}
    for row in data["units"]:
        by_ref[row["ref"]] = _upsert_unit(
            Ward,
            code=row.get("code", ""),
            name=row["name"],
            kind=row["kind"],
            parent=by_ref[row["parent"]] if row.get("parent") else None,
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            legal_act=row.get("legal_act", ""),
        )
    for row in data.get("successions", []):
        WardSuccession.objects.update_or_create(
            predecessor=by_ref[row["from"]],
            successor=by_ref[row["to"]],
            defaults={
                "kind": row["kind"],
                "effective_on": _date(row["effective_on"]),
                "legal_act": row.get("legal_act", ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("clubs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
