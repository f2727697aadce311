"""The script nonce of the current admin or field-app response, for code that has no request.

Wagtail renders a few inline scripts from places that never see the request: chooser
widgets (``BaseChooser.render``) and the date, time, inline-panel and multiple-chooser
templates. The CSP middleware publishes the request's nonce here for app pages only;
``script_nonce_attr()`` (and the ``{% script_nonce %}`` tag in our template overrides)
add it to exactly those scripts. Public pages never get a nonce.
"""

import contextvars

from django.utils.html import format_html

_current_nonce = contextvars.ContextVar("safeward_csp_nonce", default=None)


def set_current_nonce(nonce):
    return _current_nonce.set(nonce)


def reset_current_nonce(token) -> None:
    _current_nonce.reset(token)


def script_nonce_attr() -> str:
    """` nonce="…"` for the current app response, or an empty string."""
    nonce = _current_nonce.get()
    return format_html(' nonce="{}"', str(nonce)) if nonce is not None else ""


def add_nonce_to_chooser_scripts() -> None:
    """Make Wagtail's chooser widgets emit their init script with the current nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    original_render = BaseChooser.render
    if getattr(original_render, "_safeward_nonce", False):
        return

    def render(self, *args, **kwargs):
        html = original_render(self, *args, **kwargs)
        nonce = script_nonce_attr()
        if nonce and html.endswith("</script>"):
            head, _sep, script = html.rpartition("<script>")
            html = type(html)(f"{head}<script{nonce}>{script}")
        return html

    render._safeward_nonce = True
    BaseChooser.render = render
