"""Production: every secret and host comes from the environment; start-up fails without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_required(name: str) -> str:
    """Return the environment variable *name*, or refuse to start without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in env_required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("Set DATABASE_URL to a PostgreSQL database for production.")

if os.environ.get("REDIS_URL"):
    for alias in ("default", "renditions"):
        CACHES[alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": alias,
        }

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
SAFEWARD_DEMO_ALLOWED = False
# The outbox key pair must come from the environment (SAFEWARD_SYNC_PRIVATE_KEYS).
SAFEWARD_SYNC_KEY_FILE = None
env_required("SAFEWARD_SYNC_PRIVATE_KEYS")
# The at-risk people's encrypted fields: Fernet keys, newest first (outreach.crypto).
SAFEWARD_FIELD_KEY_FILE = None
env_required("SAFEWARD_FIELD_KEYS")

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Old browsers: never framed. Current ones follow the CSP's frame-ancestors instead, which
# lets the admin preview its own pages.
X_FRAME_OPTIONS = "DENY"
