"""Settings shared by every environment. Secrets never live here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "content",
    "clubs",
    # outreach/ is a folder of apps, one concern each (see outreach/__init__.py).
    "outreach.cases",
    "outreach.campaigns",
    "outreach.materials",
    "outreach.reports",
    "pwa",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    # Last, so its post_migrate hook runs after every app's permissions exist.
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so cached pages are stored plain and compressed on the way out.
    "config.middleware.PublicGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, users and the database: a hit touches none of them.
    "config.page_cache.PublicPageCacheMiddleware",
    "config.middleware.SafeWardCSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.accounts.SessionLifetimeMiddleware",
    "config.accounts.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.CachePolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Widgets render through TEMPLATES, so templates/ can override Wagtail's widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "content.context_processors.public_layout",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out usernames before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Club leaders' and secretaries' admin permissions come from their ClubRole rows.
    "clubs.backends.ClubBoardBackend",
]

# Sessions: staff are signed out after 30 idle minutes and after 12 hours in any case.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SAFEWARD_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60

# Lockout (django-axes): five wrong passwords for one username from one address lock that
# pair for 15 minutes. Never keyed on the address alone: mobile carriers share addresses, and
# a known and an unknown username are treated (and answered) alike.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor login (django-otp): who must use it is decided by config.accounts.
OTP_TOTP_ISSUER = "SafeWard"
WAGTAILADMIN_USER_LOGIN_FORM = "config.accounts.LoginForm"

# Headers. HSTS and secure cookies are switched on in production settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # the admin previews pages in a frame
SAFEWARD_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

# Content Security Policy (django-csp). Public pages: no inline script or style and no
# nonce, so a cached page is valid for everyone. Admin and field app: a nonce for the few
# inline scripts Wagtail still renders (our template overrides add it), inline styles allowed.
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "manifest-src": [SELF],
    "worker-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": [SELF], "style-src": [SELF]},
}
SAFEWARD_APP_CSP = {
    **_CSP_COMMON,
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
# Paths (after the language prefix) that get SAFEWARD_APP_CSP.
SAFEWARD_APP_PATHS = ("/admin/", "/field/", "/account/")

# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
# locale/: the project's own strings (makemessages keeps it up to date). locale_vendor/: the
# Vietnamese that Wagtail's admin and django-import-export lack, kept apart so makemessages
# never marks it obsolete or reuses it for fuzzy guesses.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Project formats put dd/mm/yyyy first for reading and writing dates.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files with personal data (meeting photos, import sheets): outside MEDIA_ROOT, never
    # served as files; only views that check access scoping read them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("SAFEWARD_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"),
            "base_url": None,
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Wagtail looks renditions up here before asking the database.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60 * 60 * 24,
    },
}

# Whole public pages kept for anonymous visitors (config.page_cache); 0 turns it off.
SAFEWARD_PAGE_CACHE_SECONDS = int(os.environ.get("SAFEWARD_PAGE_CACHE_SECONDS", "300"))
SAFEWARD_PAGE_CACHE_ALIAS = "default"
SAFEWARD_PAGE_CACHE_SKIP = ("/admin/", "/django-admin/", "/sync/", "/documents/", "/account/")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "SafeWard"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Pages index a folded copy of their text (content.models.PublicPage.folded_search_text) and
# queries are folded the same way; PostgreSQL's "simple" configuration then matches words as
# they are, with no English stemming or stop words ("do", "an", "no" are Vietnamese words).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No shared-password privacy: a page or collection is restricted to signed-in users or groups.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Documents always download through Wagtail's serve view (permission checks, attachment).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's date pickers write day first, like the rest of the app.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "gif": "gif"}

# PWA (django-pwa provides the manifest; the worker and offline page are ours).
PWA_SERVICE_WORKER_PATH = BASE_DIR / "static" / "js" / "sw.js"
PWA_APP_NAME = "SafeWard – Phòng, chống mua bán người"
PWA_APP_SHORT_NAME = "SafeWard"
PWA_APP_DESCRIPTION = (
    "Bài viết, câu đố và đường dây nóng của các câu lạc bộ phòng, chống mua bán người Quảng Ninh"
)
PWA_APP_THEME_COLOR = "#0b5d4b"
PWA_APP_BACKGROUND_COLOR = "#ffffff"
PWA_APP_DISPLAY = "standalone"
PWA_APP_SCOPE = "/"
PWA_APP_START_URL = "/?source=pwa"
PWA_APP_ORIENTATION = "portrait-primary"
PWA_APP_STATUS_BAR_COLOR = "default"
PWA_APP_LANG = "vi"
PWA_APP_DIR = "ltr"
PWA_APP_DEBUG_MODE = False
PWA_APP_ICONS = [
    {"src": "/static/img/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "/static/img/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {
        "src": "/static/img/icon-maskable-512.png",
        "sizes": "512x512",
        "type": "image/png",
        "purpose": "maskable",
    },
]
PWA_APP_ICONS_APPLE = [{"src": "/static/img/icon-192.png", "sizes": "192x192"}]
PWA_APP_SPLASH_SCREEN = []

# Background tasks (django-tasks). "default" is what Wagtail itself uses (search index and
# reference index updates): run at once, in the request. "imports" holds spreadsheet imports
# over 1,000 rows in the database (django-tasks-db, the ORM backend that split from
# django-tasks 0.12); a worker runs them: `manage.py db_worker --backend imports`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# Serve uploaded images from Django (dev, tests, one-box installs); production uses S3 or a proxy.
SAFEWARD_SERVE_MEDIA = os.environ.get("SAFEWARD_SERVE_MEDIA", "true").lower() == "true"

# Outbox encryption: production sets SAFEWARD_SYNC_PRIVATE_KEYS; elsewhere a key is made
# once into this file (see config.sync_crypto).
SAFEWARD_SYNC_KEY_FILE = BASE_DIR / "var" / "sync-private-key.pem"

# Demo accounts exist only where this is true (dev and test settings).
SAFEWARD_DEMO_ALLOWED = False

# Every handler redacts personal data first (config.logging); error e-mails to ADMINS use
# the reporter and filter that hide personal fields, query strings and request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_personal_data": {"()": "config.logging.RedactPersonalData"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_personal_data"]},
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["redact_personal_data", "require_debug_false"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.logging.SafeExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "config.logging.SafeExceptionReporter"
# Who gets error reports (comma-separated e-mail addresses).
ADMINS = [
    ("", address.strip())
    for address in os.environ.get("SAFEWARD_ADMINS", "").split(",")
    if address.strip()
]

# Encryption at rest of at-risk people's personal fields (outreach.cases.crypto): production
# sets SAFEWARD_FIELD_KEYS (Fernet keys, newest first); elsewhere a key is made once into this file.
SAFEWARD_FIELD_KEY_FILE = BASE_DIR / "var" / "field-keys.txt"
# Audit rows about at-risk people are kept this long (manage.py purge), apart from the
# cases themselves.
SAFEWARD_AUDIT_RETENTION_DAYS = int(os.environ.get("SAFEWARD_AUDIT_RETENTION_DAYS", "1825"))
# Anonymous tips: kept this long (the purge command), at most this many per address and
# window (count, seconds; in the cache only), and requests no larger than this.
SAFEWARD_TIP_RETENTION_DAYS = int(os.environ.get("SAFEWARD_TIP_RETENTION_DAYS", "365"))
SAFEWARD_TIP_RATE_LIMIT = (int(os.environ.get("SAFEWARD_TIP_RATE_LIMIT", "20")), 60 * 60)
SAFEWARD_TIP_MAX_BYTES = 64 * 1024
# Closed cases (with their consents, follow-ups and referrals) are purged this long after
# closing (manage.py purge runs every purger the apps register in config.retention).
SAFEWARD_CASE_RETENTION_DAYS = int(os.environ.get("SAFEWARD_CASE_RETENTION_DAYS", "1825"))
