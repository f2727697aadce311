"""Benchmarks: production-like serving on plain HTTP over loopback, with local dev keys.

DEBUG off, WhiteNoise serving the manifest (hashed, compressed) static files collected into
``STATIC_ROOT`` (tests/bench/stack.py makes a temporary one), Django's default
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
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Servers get it explicitly (tests/bench/stack.py); in-process benchmarks measure the work
# of rendering, so the page cache is off unless asked for.
SAFEWARD_PAGE_CACHE_SECONDS = int(os.environ.get("SAFEWARD_PAGE_CACHE_SECONDS", "0"))

# Several processes (the load test): the same Redis layout as production's settings.
if os.environ.get("REDIS_URL"):
    for alias in ("default", "renditions", "sessions"):
        CACHES[alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": alias,
            "TIMEOUT": CACHES.get(alias, {}).get("TIMEOUT", 300),
        }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
    CACHES["sessions"]["TIMEOUT"] = SAFEWARD_SESSION_ABSOLUTE_SECONDS
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
