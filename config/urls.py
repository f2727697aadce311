"""URL map: the admin, worker, manifest, documents and sync key outside the language prefix;
Wagtail pages, search, quiz and poll answers, the field app and account pages inside it,
Vietnamese unprefixed, English at /en/.

The one module of config that names the apps (it is the map). The field app's pages of other
apps come through ``clubs.urls`` (``clubs.field.register_urls``).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from pwa import views as pwa_views
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import accounts, sync
from content import views as content_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sw.js", content_views.service_worker, name="service_worker"),
    path("offline/", content_views.offline, name="offline"),
    path("manifest.json", pwa_views.manifest, name="manifest"),
    path("sync/key/", sync.public_key_view, name="sync_key"),
    path("sync/csrf/", sync.csrf_token_view, name="sync_csrf"),
]

if settings.SAFEWARD_SERVE_MEDIA:
    # Images only: documents go through Wagtail's serve view, never straight from media.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

account_patterns = [
    path("two-factor/", accounts.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("two-factor/verify/", accounts.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("two-factor/recovery-codes/", accounts.RecoveryCodesView.as_view(), name="recovery_codes"),
]

urlpatterns += i18n_patterns(
    path("account/", include((account_patterns, "account"))),
    # One field app: the clubs pages and those other apps register share the "field" namespace.
    path("field/", include("clubs.urls")),
    path("", include("content.urls")),
    path("", include("outreach.cases.public_urls")),
    path("", include("outreach.reports.public_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
