"""Backups of the database and uploaded files, and their restore.

A backup is a folder holding the database (``pg_dump`` custom format for PostgreSQL, the
SQLite online-backup API for SQLite: never ``dumpdata``, which would decrypt nothing and
skip what Django does not model), a tarball of ``MEDIA_ROOT`` and a ``manifest.json``. The
encryption keys are NOT in the backup: keep them apart, as the README says; without them
the encrypted fields of a restored database cannot be read.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def create_backup(*, output_dir: Path) -> Path:
    """Write a backup of the default database and MEDIA_ROOT under *output_dir*."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(output_dir) / f"safeward-backup-{stamp}"
    target.mkdir(parents=True)
    db = connection.settings_dict
    vendor = connection.vendor
    if vendor == "postgresql":
        database_file = "database.dump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / database_file)]
            + _pg_args(db)
            + [db["NAME"]],
            _pg_env(db),
        )
    elif vendor == "sqlite":
        database_file = "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target / database_file) as destination:
            connection.connection.backup(destination)
        destination.close()
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": vendor,
        "database_file": database_file,
        "media_archive": MEDIA_ARCHIVE,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def _database_is_empty(db: dict, vendor: str) -> bool:
    if vendor == "sqlite":
        path = Path(db["NAME"])
        if not path.exists():
            return True
        with sqlite3.connect(path) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()
        return tables[0] == 0
    import psycopg

    with psycopg.connect(_pg_conninfo(db)) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return tables[0] == 0


def _pg_conninfo(db: dict) -> str:
    parts = {
        "dbname": db["NAME"],
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "user": db.get("USER"),
    }
    if db.get("PASSWORD"):
        parts["password"] = db["PASSWORD"]
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def restore_backup(*, backup_dir: Path, database_url: str | None, media_root: Path | None) -> None:
    """Restore *backup_dir* into an empty database (and media folder)."""
    backup_dir = Path(backup_dir)
    manifest = json.loads((backup_dir / MANIFEST).read_text())
    db = dj_database_url.parse(database_url) if database_url else connection.settings_dict
    vendor = "sqlite" if "sqlite" in db["ENGINE"] else "postgresql"
    if vendor != manifest["vendor"]:
        raise BackupError(f"This backup is of a {manifest['vendor']} database, not {vendor}.")
    if not _database_is_empty(db, vendor):
        raise BackupError("The target database is not empty; restore only into an empty one.")
    source = backup_dir / manifest["database_file"]
    if vendor == "sqlite":
        with sqlite3.connect(source) as origin, sqlite3.connect(db["NAME"]) as destination:
            origin.backup(destination)
    else:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
            ]
            + _pg_args(db)
            + [str(source)],
            _pg_env(db),
        )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / manifest["media_archive"], "r:gz") as archive:
        staging = media_root.parent / f".restore-{backup_dir.name}"
        archive.extractall(staging, filter="data")
        extracted = staging / "media"
        if extracted.exists():
            shutil.copytree(extracted, media_root, dirs_exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
