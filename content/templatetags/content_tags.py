"""Template tags for the public layout: navigation, language switch and hotlines."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from content.selectors import site_nav_items

register = template.Library()


def _language_home_url(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _is_view(request) -> bool:
    """Whether *request* was answered by a view of its own rather than Wagtail's page serve."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name != "wagtail_serve"


@register.inclusion_tag("content/includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages: its translation if there is one, else home.

    Views that are not pages (search) link to the same view under the other language prefix.
    """
    page = context.get("page")
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for other in page.get_translations(inclusive=False).live().select_related("locale"):
            translations[other.locale.language_code] = other.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if code in translations:
            url = translations[code]
        elif page is None and _is_view(request):
            url = translate_url(request.get_full_path(), code)
        else:
            url = _language_home_url(code)
        links.append({"code": code, "name": name, "url": url})
    return {"links": links}


@register.inclusion_tag("content/includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The home page's sections shown in menus, in the current language."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    home_url = _language_home_url(translation.get_language())
    if site is None:
        return {"sections": [], "home_url": home_url}
    if isinstance(page, Page):
        locale_id = page.locale_id
    else:
        try:
            locale_id = Locale.get_active().pk
        except Locale.DoesNotExist:
            return {"sections": [], "home_url": home_url}
    current_path = request.path
    sections = [
        {**item, "active": current_path.startswith(item["url"])}
        for item in site_nav_items(site=site, locale_id=locale_id)
    ]
    return {"sections": sections, "home_url": home_url, "at_home": current_path == home_url}
