"""Local development: SQLite, debug on, demo data allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-safeward"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SAFEWARD_DEMO_ALLOWED = True
# Serve files from the app directories without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Imports run in the request during development, so `make run` needs no worker.
TASKS = {**TASKS, "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
