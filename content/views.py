"""The service worker and the offline page, served from the site root."""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# Files the worker stores at install so the offline page looks right with no signal.
PRECACHE_STATIC = [
    "css/site.css",
    "js/app.js",
    "js/outbox-core.js",
    "js/outbox.js",
    "img/icon-192.png",
    "img/logo.svg",
]


@require_GET
def service_worker(request):
    """Render the worker with the current static URLs; a change of any of them bumps its version."""
    precache = [reverse("offline"), *(static(name) for name in PRECACHE_STATIC)]
    context = {"precache": precache, "outbox_core": static("js/outbox-core.js")}
    body = render_to_string("sw.js", context)
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace("__SW_VERSION__", version)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """Shown by the worker for a page that was never opened while online."""
    response = render(request, "offline.html")
    response["X-SW-Cache"] = "shell"
    return response
