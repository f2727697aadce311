"""Cache policy shared by the server and the service worker.

The worker caches only responses that carry ``X-SW-Cache: public`` (published pages
served to anonymous visitors) or ``X-SW-Cache: shell`` (field-app shells and empty
forms). Everything a signed-in user sees is ``no-store`` and loses any such mark, so
personal data never lands in a browser or worker cache.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from config.csp import reset_current_nonce, set_current_nonce

SW_CACHE_HEADER = "X-SW-Cache"
SW_CACHEABLE = {"public", "shell"}


class CachePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        mark = response.get(SW_CACHE_HEADER)
        if mark == "shell":
            # Shells carry no personal data by contract, whoever asked for them.
            response["Cache-Control"] = "no-cache"
        elif signed_in or mark not in SW_CACHEABLE or request.path.startswith("/admin/"):
            if mark:
                del response[SW_CACHE_HEADER]
            response["Cache-Control"] = "no-store"
        else:
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
        return response


def is_app_path(path: str) -> bool:
    """True for the admin, the field app and account pages (language prefix ignored)."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            path = path[len(prefix) - 1 :]
            break
    return path.startswith(settings.SAFEWARD_APP_PATHS)


class SafeWardCSPMiddleware(CSPMiddleware):
    """Public pages get the strict policy; the admin and field app the nonce policy."""

    def process_request(self, request):
        super().process_request(request)
        if is_app_path(request.path_info):
            request._safeward_nonce_token = set_current_nonce(request.csp_nonce)

    def process_response(self, request, response):
        token = getattr(request, "_safeward_nonce_token", None)
        if token is not None:
            reset_current_nonce(token)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_app_path(request.path_info):
            parts.config = settings.SAFEWARD_APP_CSP
        return parts


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.SAFEWARD_PERMISSIONS_POLICY)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compress public pages and shells: the bytes a resident's 3G phone waits for.

    Pages of signed-in users are left alone (they carry CSRF tokens; compressing secrets next
    to attacker-chosen text is what BREACH exploits), and so are files WhiteNoise already
    serves compressed.
    """

    def process_response(self, request, response):
        if response.get(SW_CACHE_HEADER) not in SW_CACHEABLE:
            return response
        return super().process_response(request, response)
