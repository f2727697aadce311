"""URL map: the admin, worker, manifest and documents outside the language prefix;
Wagtail pages, search, quiz and poll answers (and later the field app) inside it, Vietnamese
unprefixed, English at /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from pwa import views as pwa_views
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sw.js", content_views.service_worker, name="service_worker"),
    path("offline/", content_views.offline, name="offline"),
    path("manifest.json", pwa_views.manifest, name="manifest"),
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

urlpatterns += i18n_patterns(
    path("", include("content.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
