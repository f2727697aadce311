from django import template

from config.csp import script_nonce_attr

register = template.Library()


@register.simple_tag
def script_nonce():
    """` nonce="…"` on admin and field pages; nothing on public pages."""
    return script_nonce_attr()
