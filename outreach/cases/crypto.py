"""Encryption at rest of at-risk people's personal fields (names, phones, ID numbers, notes).

Fernet (AES-128-CBC + HMAC-SHA256) under a MultiFernet: the first key encrypts, every listed
key decrypts, so keys rotate without downtime (``manage.py rotate_field_keys`` re-encrypts
every stored value with the first key; then the old key can be dropped). The keys are NOT
``SECRET_KEY``: they come from ``SAFEWARD_FIELD_KEYS`` (comma-separated Fernet keys, newest
first). Development and tests fall back to a key made once into ``SAFEWARD_FIELD_KEY_FILE``;
production settings refuse to start without the variable.

A token that no key opens raises ``FieldDecryptionError``: ciphertext is never handed out as
if it were data.
"""

import os
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Every stored token starts with this, so a plaintext value is never taken for a token.
PREFIX = "fernet:"


class FieldDecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def _key_texts() -> list[str]:
    text = os.environ.get("SAFEWARD_FIELD_KEYS", "").strip()
    if text:
        return [key.strip() for key in text.split(",") if key.strip()]
    key_file = getattr(settings, "SAFEWARD_FIELD_KEY_FILE", None)
    if not key_file:
        raise ImproperlyConfigured("Set SAFEWARD_FIELD_KEYS for the encrypted case fields.")
    path = Path(key_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode() + "\n")
        path.chmod(0o600)
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


@lru_cache(maxsize=1)
def fernet() -> MultiFernet:
    keys = _key_texts()
    if not keys:
        raise ImproperlyConfigured("SAFEWARD_FIELD_KEYS holds no key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured("SAFEWARD_FIELD_KEYS holds a key that is not Fernet.") from error


def reset_keys() -> None:
    """Forget the loaded keys (after the environment changed: tests, rotation)."""
    fernet.cache_clear()


def encrypt(value: str) -> str:
    """The stored form of *value*: ``""`` stays empty, anything else becomes a token."""
    if not value:
        return ""
    return PREFIX + fernet().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    """The plaintext of a stored token; raises FieldDecryptionError if no key opens it."""
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        raise FieldDecryptionError("The stored value is not an encrypted token.")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise FieldDecryptionError("No configured key opens this value.") from error


def rotate(stored: str) -> str:
    """*stored* re-encrypted with the newest key (raises if no key opens it)."""
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        raise FieldDecryptionError("The stored value is not an encrypted token.")
    try:
        return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise FieldDecryptionError("No configured key opens this value.") from error
