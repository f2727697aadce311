"""A backup restored into an empty database brings back every record and every file."""

import io
import sqlite3
import uuid
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend

from outreach.cases.models import Case, FollowUp, Referral

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _tables_and_counts_sqlite(path) -> dict:
    with sqlite3.connect(path) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def _tables_and_counts_pg(conninfo) -> dict:
    with psycopg.connect(conninfo) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def _current_counts() -> dict:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f'SELECT count(*) FROM "{name}"')
            counts[name] = cursor.fetchone()[0]
    return counts


def _model_counts(alias) -> dict:
    return {
        model._meta.label: model._base_manager.using(alias).count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _decrypted(alias) -> dict:
    """The plaintext of every encrypted field, read through the models (outreach.crypto)."""
    cases = Case.objects.using(alias).order_by("pk")
    return {
        "cases": [
            (case.pk, *(getattr(case, name) for name in Case.PERSONAL_FIELDS)) for case in cases
        ],
        "follow_ups": list(FollowUp.objects.using(alias).order_by("pk").values_list("pk", "note")),
        "referrals": list(Referral.objects.using(alias).order_by("pk").values_list("pk", "note")),
    }


def _check_through_django(name: str) -> None:
    """Open the restored database as a second Django connection: every model has as many
    rows as the original, and every encrypted field decrypts to the original value."""
    # A connection object made here (not in settings.DATABASES) is one Django lets a test use.
    backend = load_backend(connection.settings_dict["ENGINE"])
    connections["restored"] = backend.DatabaseWrapper(
        {**connection.settings_dict, "NAME": name}, "restored"
    )
    try:
        assert _model_counts("restored") == _model_counts("default")
        restored = _decrypted("restored")
        assert restored == _decrypted("default")
        # Real personal data came back (not only empty fields).
        assert any(row[1] for row in restored["cases"])
        assert any(note for _pk, note in restored["follow_ups"])
    finally:
        connections["restored"].close()
        del connections["restored"]


def test_backup_and_restore_round_trip(tmp_path, settings):
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    assert image is not None
    original_image = Path(image.file.path).read_bytes()

    call_command("backup", "--output-dir", str(tmp_path / "backups"), stdout=io.StringIO())
    (backup,) = (tmp_path / "backups").iterdir()
    expected = _current_counts()
    media_target = tmp_path / "restored-media"

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        call_command(
            "restore",
            str(backup),
            "--database-url",
            f"sqlite:///{target}",
            "--media-root",
            str(media_target),
            stdout=io.StringIO(),
        )
        restored = _tables_and_counts_sqlite(target)
        with sqlite3.connect(target) as conn:
            titles = {row[0] for row in conn.execute("SELECT title FROM wagtailcore_page")}
        _check_through_django(str(target))
    else:
        name = f"safeward_restore_{uuid.uuid4().hex[:8]}"
        admin = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
            call_command(
                "restore",
                str(backup),
                "--database-url",
                url,
                "--media-root",
                str(media_target),
                stdout=io.StringIO(),
            )
            target_info = admin.replace("dbname=postgres", f"dbname={name}")
            restored = _tables_and_counts_pg(target_info)
            with psycopg.connect(target_info) as conn:
                titles = {row[0] for row in conn.execute("SELECT title FROM wagtailcore_page")}
            _check_through_django(name)
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert restored == expected
    assert "Hỏi đáp pháp luật" in titles
    assert (media_target / image.file.name).read_bytes() == original_image


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("backup", "--output-dir", str(tmp_path), stdout=io.StringIO())
    (backup,) = tmp_path.iterdir()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), stdout=io.StringIO())
