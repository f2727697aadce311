"""Whole-page cache for anonymous visitors of the public site.

Residents arrive in bursts (a campaign post shared in Zalo groups) and read the same few
pages. A page may be kept when all of these hold:

- the request is a GET or HEAD that carries no session cookie, so nobody signed in is ever
  served from, or stored into, this cache;
- the response is a 200 marked ``X-SW-Cache: public`` by the page itself (only published
  pages served to anonymous visitors carry the mark, see ``content.models.PublicPage``) and
  sets no cookie.

A hit is answered here, before sessions, users or the database are touched. Entries live
under a *generation* token; publishing, unpublishing, moving or deleting a page, or saving
the hotline settings, draws a new token (``purge_public_pages``), so every process sharing
the cache (Redis in production) drops the old pages at once.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from config.middleware import SW_CACHE_HEADER

GENERATION_KEY = "safeward:pages:generation"
HIT_HEADER = "X-SafeWard-Cache"
# Hop-by-hop or per-response headers that must not be replayed from the cache.
_NOT_STORED = {"set-cookie", "date", "content-length", HIT_HEADER.lower()}


def _cache():
    return caches[settings.SAFEWARD_PAGE_CACHE_ALIAS]


def purge_public_pages() -> None:
    """Drop every cached public page, in every process that shares the cache."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation(cache) -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY)
    return token


def _host(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # Several app processes behind one proxy answer for the same site on different ports.
    return split_domain_port(host)[0]


def _eligible(request) -> bool:
    return (
        settings.SAFEWARD_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(settings.SAFEWARD_PAGE_CACHE_SKIP)
    )


def _key(cache, request) -> str | None:
    host = _host(request)
    if host is None:
        return None
    where = f"{host}\n{request.get_full_path()}".encode()
    return f"safeward:page:{_generation(cache)}:{hashlib.sha256(where).hexdigest()}"


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and response.get(SW_CACHE_HEADER) == "public"
        and not response.streaming
        and not response.cookies
        and not response.has_header("Content-Encoding")
    )


class PublicPageCacheMiddleware:
    """Serve and keep anonymous public pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(cache, request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            content, compressed, headers = stored
            gzip_ok = "gzip" in request.headers.get("Accept-Encoding", "")
            response = HttpResponse(compressed if gzip_ok else content)
            for name, value in headers:
                response[name] = value
            # Compressed once when stored, not on every hit (the gzip middleware leaves an
            # encoded answer alone).
            patch_vary_headers(response, ("Accept-Encoding",))
            if gzip_ok:
                response["Content-Encoding"] = "gzip"
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(response):
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED
            ]
            stored = (response.content, compress_string(response.content), headers)
            cache.set(key, stored, settings.SAFEWARD_PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
