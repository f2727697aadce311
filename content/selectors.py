"""Reads for the public layout, cached because every public page shows them.

The header and footer need the hotline numbers and the home page's sections on every
request; both change rarely, so they are kept in the cache and dropped by the signals in
``content.signals`` whenever a page is published, unpublished, moved or deleted, or the
hotline settings are saved.
"""

from django.core.cache import cache
from wagtail.models import Page, Site

CHROME_TIMEOUT = 300  # seconds; signals clear it sooner on every change


def _nav_key(site_id: int, locale_id: int) -> str:
    return f"safeward:nav:{site_id}:{locale_id}"


def _hotlines_key(site_id: int) -> str:
    return f"safeward:hotlines:{site_id}"


def site_nav_items(*, site: Site, locale_id: int) -> list[dict]:
    """Titles and URLs of the home page's live, public sections shown in menus."""
    key = _nav_key(site.pk, locale_id)
    items = cache.get(key)
    if items is None:
        sections = (
            Page.objects.live()
            .public()
            .in_menu()
            .filter(depth=site.root_page.depth + 1, locale_id=locale_id)
            .order_by("path")
        )
        items = []
        for section in sections:
            url = section.get_url()
            if url:
                items.append({"title": section.title, "url": url})
        cache.set(key, items, CHROME_TIMEOUT)
    return items


def hotlines(*, site: Site) -> dict:
    """The hotline numbers and Sunshine House details of *site*."""
    from content.models import HotlineSettings

    key = _hotlines_key(site.pk)
    numbers = cache.get(key)
    if numbers is None:
        setting = HotlineSettings.for_site(site)
        numbers = {
            field: getattr(setting, field)
            for field in (
                "national_number",
                "provincial_number",
                "sunshine_house_name",
                "sunshine_house_number",
                "sunshine_house_address",
            )
        }
        cache.set(key, numbers, CHROME_TIMEOUT)
    return numbers


def clear_chrome_cache() -> None:
    """Forget the cached navigation and hotlines of every site and language."""
    from wagtail.models import Locale

    keys = []
    for site_id in Site.objects.values_list("pk", flat=True):
        keys.append(_hotlines_key(site_id))
        keys.extend(
            _nav_key(site_id, locale_id)
            for locale_id in Locale.objects.values_list("pk", flat=True)
        )
    cache.delete_many(keys)
