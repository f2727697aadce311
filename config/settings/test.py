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
SAFEWARD_PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="safeward-test-private-"))
atexit.register(shutil.rmtree, SAFEWARD_PRIVATE_MEDIA_ROOT, ignore_errors=True)
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the browser tests' server threads and the concurrency tests open
    # their own connections to it.
    DATABASES["default"]["TEST"] = {"NAME": str(MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}.sqlite3")}  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
