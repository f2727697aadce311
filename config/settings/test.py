"""Fast settings for the test suite."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-safeward"  # noqa: S105
ALLOWED_HOSTS = ["*"]
SAFEWARD_DEMO_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Uploads and renditions of one test run go to a throw-away folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="safeward-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="safeward-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the browser tests' server threads and the concurrency tests open
    # their own connections to it (base settings make SQLite use WAL and IMMEDIATE).
    DATABASES["default"]["TEST"] = {"NAME": str(MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}.sqlite3")}  # noqa: F405

# One outbox key per test run, made on first use.
SAFEWARD_SYNC_KEY_FILE = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-sync-key.pem"
atexit.register(SAFEWARD_SYNC_KEY_FILE.unlink, missing_ok=True)
SAFEWARD_FIELD_KEY_FILE = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-field-keys.txt"
atexit.register(SAFEWARD_FIELD_KEY_FILE.unlink, missing_ok=True)

# Tests that change pages without publishing would otherwise read stale copies; the page
# cache's own tests turn it on.
SAFEWARD_PAGE_CACHE_SECONDS = 0
