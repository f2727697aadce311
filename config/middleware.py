"""Cache policy shared by the server and the service worker.

The worker caches only responses that carry ``X-SW-Cache: public`` (published pages
served to anonymous visitors) or ``X-SW-Cache: shell`` (field-app shells and empty
forms). Everything a signed-in user sees is ``no-store`` and loses any such mark, so
personal data never lands in a browser or worker cache.
"""

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
