"""The server's side of outbox encryption: its RSA key pair and opening envelopes.

The phone encrypts each outbox item with a fresh AES-256-GCM key (12-byte IV, additional
data = the item's UUID and its author's user id) and wraps that key with the server's RSA
public key (RSA-OAEP, SHA-256, MGF1-SHA-256). Only the server can open an item, so a lost
phone reveals nothing. Keys rotate: the first key signs new items, older keys (by ``kid``)
still open what phones queued before the rotation.

Keys come from ``SAFEWARD_SYNC_PRIVATE_KEYS`` (PEM, one or more, newest first). Development
and tests fall back to a key generated once into ``SAFEWARD_SYNC_KEY_FILE``.
"""

import base64
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)
PEM_END = "-----END PRIVATE KEY-----"


class EnvelopeError(Exception):
    """The envelope is malformed, for an unknown key, or fails authentication."""


def _split_pems(text: str) -> list[str]:
    return [chunk.strip() + "\n" + PEM_END + "\n" for chunk in text.split(PEM_END) if chunk.strip()]


def _load_pem_text() -> str:
    text = os.environ.get("SAFEWARD_SYNC_PRIVATE_KEYS", "").strip()
    if text:
        return text
    key_file = getattr(settings, "SAFEWARD_SYNC_KEY_FILE", None)
    if not key_file:
        raise ImproperlyConfigured("Set SAFEWARD_SYNC_PRIVATE_KEYS (PEM) for the outbox.")
    path = Path(key_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    return path.read_text()


def key_id(public_key) -> str:
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:16]


@lru_cache(maxsize=1)
def private_keys() -> dict:
    """kid -> private key, newest first (dicts keep insertion order)."""
    keys = {}
    for pem in _split_pems(_load_pem_text()):
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        keys[key_id(key.public_key())] = key
    if not keys:
        raise ImproperlyConfigured("SAFEWARD_SYNC_PRIVATE_KEYS holds no private key.")
    return keys


def current_public_key() -> dict:
    """The key phones encrypt new items to: ``{"kid", "spki"}`` (base64 SubjectPublicKeyInfo)."""
    kid, key = next(iter(private_keys().items()))
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return {"kid": kid, "spki": base64.b64encode(spki).decode(), "alg": "RSA-OAEP-256+A256GCM"}


def _b64(value) -> bytes:
    return base64.b64decode(str(value), validate=True)


def open_envelope(envelope: dict, *, aad: bytes) -> bytes:
    """Decrypt an outbox envelope ``{"v": 1, "kid", "key", "iv", "data"}``."""
    try:
        if envelope.get("v") != 1:
            raise EnvelopeError("unknown envelope version")
        private_key = private_keys().get(str(envelope["kid"]))
        if private_key is None:
            raise EnvelopeError("unknown key id")
        content_key = private_key.decrypt(_b64(envelope["key"]), OAEP)
        iv = _b64(envelope["iv"])
        if len(iv) != 12 or len(content_key) != 32:
            raise EnvelopeError("bad IV or key length")
        return AESGCM(content_key).decrypt(iv, _b64(envelope["data"]), aad)
    except (InvalidTag, ValueError, KeyError, TypeError, AttributeError) as error:
        raise EnvelopeError(str(error) or error.__class__.__name__) from error


def seal_envelope(plaintext: bytes, *, aad: bytes, public_key: dict | None = None) -> dict:
    """Encrypt as a phone does (used by tests, benchmarks and the outbox file import check).

    *public_key* is a ``current_public_key()`` answer fetched from a server; without it, the
    key this process holds is used.
    """
    if public_key is None:
        kid, key = next(iter(private_keys().items()))
        key = key.public_key()
    else:
        kid = public_key["kid"]
        key = serialization.load_der_public_key(_b64(public_key["spki"]))
    content_key = AESGCM.generate_key(bit_length=256)
    iv = os.urandom(12)
    return {
        "v": 1,
        "kid": kid,
        "key": base64.b64encode(key.encrypt(content_key, OAEP)).decode(),
        "iv": base64.b64encode(iv).decode(),
        "data": base64.b64encode(AESGCM(content_key).encrypt(iv, plaintext, aad)).decode(),
    }
