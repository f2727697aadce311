"""Encryption at rest: a key that is not SECRET_KEY, ciphertext in the database, a wrong key
raises (never hands out ciphertext), rotation re-encrypts everything with the new key."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from outreach.cases import crypto
from outreach.cases.models import Case, FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(monkeypatch):
    """Set SAFEWARD_FIELD_KEYS for one test; the loaded keys are forgotten before and after."""

    def use(*values):
        monkeypatch.setenv("SAFEWARD_FIELD_KEYS", ",".join(values))
        crypto.reset_keys()

    original = settings.SAFEWARD_FIELD_KEY_FILE.read_text().split()[0]
    yield use, original
    monkeypatch.delenv("SAFEWARD_FIELD_KEYS", raising=False)
    crypto.reset_keys()


def _stored(model, pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_personal_fields_are_ciphertext_in_the_database(records):
    case = Case.objects.get(pk=records["case"])
    stored = _stored(Case, case.pk, "full_name")
    assert stored.startswith(crypto.PREFIX)
    assert case.full_name and case.full_name not in stored
    assert crypto.decrypt(stored) == case.full_name


def test_the_key_is_not_the_secret_key(records):
    stored = _stored(Case, records["case"], "full_name")[len(crypto.PREFIX) :]
    from base64 import urlsafe_b64encode
    from hashlib import sha256

    derived = urlsafe_b64encode(sha256(settings.SECRET_KEY.encode()).digest())
    with pytest.raises(Exception):  # noqa: B017 - any failure: the secret key does not open it
        Fernet(derived).decrypt(stored.encode())


def test_a_wrong_key_raises_and_never_returns_ciphertext(keys, records):
    use, _original = keys
    use(Fernet.generate_key().decode())
    with pytest.raises(crypto.FieldDecryptionError):
        Case.objects.get(pk=records["case"])
    with pytest.raises(crypto.FieldDecryptionError):
        list(Case.objects.filter(pk=records["case"]).values_list("full_name", flat=True))


def test_a_plaintext_value_is_not_taken_for_data(records):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET notes = 'plain' WHERE id = %s", [records["case"]])
    with pytest.raises(crypto.FieldDecryptionError):
        Case.objects.get(pk=records["case"])


def test_rotation_re_encrypts_with_the_new_key(keys, records):
    use, original = keys
    case = Case.objects.get(pk=records["case"])
    follow_up = FollowUp.objects.filter(case=case).exclude(note="").first()
    new = Fernet.generate_key().decode()
    use(new, original)  # new key first, the old one still opens what is stored
    before = _stored(Case, case.pk, "full_name")
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "Re-encrypted" in out.getvalue()
    after = _stored(Case, case.pk, "full_name")
    assert after != before
    use(new)  # the old key is gone: everything still reads
    assert Case.objects.get(pk=case.pk).full_name == case.full_name
    assert FollowUp.objects.get(pk=follow_up.pk).note == follow_up.note
    assert Case.objects.count() == len(list(Case.objects.all()))
    use(original)  # and the old key alone no longer opens anything
    with pytest.raises(crypto.FieldDecryptionError):
        Case.objects.get(pk=case.pk)


def test_production_needs_the_field_keys():
    text = (settings.BASE_DIR / "config" / "settings" / "production.py").read_text()
    assert 'env_required("SAFEWARD_FIELD_KEYS")' in text
