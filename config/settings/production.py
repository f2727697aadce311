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

# Several app processes share one Redis: the page cache (and its purges), renditions, the
# lockout counters and the sessions, so a login made on one process holds on every other.
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

STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)

# Media on S3-compatible storage (django-storages) when a bucket is named: public media
# (article images, documents served through Wagtail's view) under media/, files with
# personal data under private/ with no public URL; only views that check access read them.
if os.environ.get("SAFEWARD_S3_BUCKET"):
    _S3 = {
        "bucket_name": os.environ["SAFEWARD_S3_BUCKET"],
        "endpoint_url": os.environ.get("SAFEWARD_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("SAFEWARD_S3_REGION") or None,
        "access_key": os.environ.get("SAFEWARD_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("SAFEWARD_S3_SECRET_KEY") or None,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "location": "media",
            "custom_domain": os.environ.get("SAFEWARD_MEDIA_DOMAIN") or None,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3, "location": "private", "querystring_auth": True},
    }
    # Renditions are served from the bucket's origin: let public pages load them.
    if os.environ.get("SAFEWARD_MEDIA_ORIGIN"):
        _media_origin = os.environ["SAFEWARD_MEDIA_ORIGIN"]
        for _directives in (CONTENT_SECURITY_POLICY["DIRECTIVES"], SAFEWARD_APP_CSP):
            _directives["img-src"] = [*_directives["img-src"], _media_origin]

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
SAFEWARD_DEMO_ALLOWED = False
# The outbox key pair must come from the environment (SAFEWARD_SYNC_PRIVATE_KEYS).
SAFEWARD_SYNC_KEY_FILE = None
env_required("SAFEWARD_SYNC_PRIVATE_KEYS")
# The at-risk people's encrypted fields: Fernet keys, newest first (outreach.cases.crypto).
SAFEWARD_FIELD_KEY_FILE = None
env_required("SAFEWARD_FIELD_KEYS")

# HTTPS only, behind a proxy that sets X-Forwarded-Proto. SAFEWARD_HTTPS=false is for
# production-like runs on loopback (the multi-process test, benchmarks), never for a site.
_HTTPS = os.environ.get("SAFEWARD_HTTPS", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _HTTPS and os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
# Old browsers: never framed. Current ones follow the CSP's frame-ancestors instead, which
# lets the admin preview its own pages.
X_FRAME_OPTIONS = "DENY"
