"""Benchmarks: production-like serving on plain HTTP over loopback, with local dev keys.

DEBUG off, WhiteNoise serving the manifest (hashed, compressed) static files collected into
``SAFEWARD_STATIC_ROOT`` (tests/bench/stack.py makes a temporary one), Django's default
(real) password hashers, no debug toolbar. Differences from production, all because the
benchmark runs on one machine: HTTP rather than HTTPS, loopback hosts, the outbox and
case-field keys from the local files development uses, demo accounts allowed, and the
database from ``DATABASE_URL`` may be SQLite. ``SAFEWARD_PAGE_CACHE_SECONDS`` comes from the
environment (0 = the public page cache is off).
"""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret-safeward"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SAFEWARD_DEMO_ALLOWED = True
STATIC_ROOT = Path(os.environ.get("SAFEWARD_STATIC_ROOT", BASE_DIR / "staticfiles"))
SAFEWARD_PAGE_CACHE_SECONDS = int(os.environ.get("SAFEWARD_PAGE_CACHE_SECONDS", "0"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Gunicorn's own access log is off in the benchmark; Django logs warnings and errors only.
