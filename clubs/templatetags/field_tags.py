"""Template helpers of the field app."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from clubs import field

register = template.Library()


@register.simple_tag(takes_context=True)
def field_club_links(context, club):
    """What other apps add to *club*'s page for this user (``clubs.field.register_club_link``)."""
    return field.club_links(user=context["request"].user, club=club)


@register.simple_tag(takes_context=True)
def field_home_links(context):
    """What other apps add to the field home page (``clubs.field.register_home_link``)."""
    return field.home_links(user=context["request"].user)


@register.inclusion_tag("clubs/field/includes/language_switch.html", takes_context=True)
def field_language_switch(context):
    """Links to this same field page in the other languages (/field/ and /en/field/)."""
    request = context["request"]
    current = translation.get_language()
    links = [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]
    return {"links": links}
