"""What the service worker stores when it installs: a registry the apps fill.

- static files (``"css/site.css"``), so the offline page and kept pages look right with no
  signal;
- pages by URL name (``"tips:form"``), reversed in every language: empty public forms
  (shells: no token, no UUID, nothing personal) that must open offline even before anyone
  visited them.

An app registers from its ``AppConfig.ready()``::

    from config import precache
    precache.register(static=["js/tip.js"], pages=["tips:form"])

The worker (``content.views.service_worker``) reads the lists; any change bumps its version.
"""

from collections.abc import Iterable

_STATIC: list[str] = []
_PAGES: list[str] = []


def register(*, static: Iterable[str] = (), pages: Iterable[str] = ()) -> None:
    """Add static file paths and page URL names to what the worker keeps at install."""
    for name in static:
        if name not in _STATIC:
            _STATIC.append(name)
    for name in pages:
        if name not in _PAGES:
            _PAGES.append(name)


def static_files() -> list[str]:
    return list(_STATIC)


def page_url_names() -> list[str]:
    return list(_PAGES)


# The sync mechanism's own scripts (config.sync): forms filled offline are sealed by them.
register(static=["js/outbox-core.js", "js/outbox.js"])
