"""`{% outbox_messages %}`: the outbox's words for static/js/outbox.js, as a JSON data block."""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def messages() -> dict:
    return {
        "saved": _("Saved on this phone. Sending…"),
        "saved_offline": _(
            "Saved on this phone, will be sent when there is signal. You can close the app."
        ),
        "not_saved": _("Could not save on this phone. Please try again."),
        "no_crypto": _(
            "This phone cannot keep forms safely while offline (it needs a secure HTTPS "
            "connection and a recent browser). Send it when you have signal."
        ),
        "login_first": _("Sign in once while online before filling in forms offline."),
        "waiting": _("{n} item(s) waiting to be sent."),
        "waiting_offline": _("No signal: {n} item(s) saved on this phone will be sent later."),
        "attention": _("{n} item(s) in the outbox need your attention."),
        "conflict": _(
            "The server already has a different version of this form. Check the record "
            "online before entering it again."
        ),
        "login": _("Sign in again to send the items saved on this phone."),
        "fix": _(
            "The server could not accept this form. Correct the marked fields and send it again."
        ),
        "fix_offline": _("Connect to the internet to correct this item."),
        "fix_button": _("Correct"),
        "still_offline": _("Still no connection. The items stay on this phone."),
        "exported": _("{n} item(s) exported to a file."),
        "imported": _("{n} item(s) added from the file."),
        "import_failed": _("This file is not a SafeWard outbox file."),
        "other_user": _("Made by another account: only that account can send it."),
        "logout_warning": _(
            "{n} item(s) have not been sent yet. They stay on this phone and will be sent the "
            "next time you sign in here. Sign out anyway?"
        ),
        "status_waiting": _("Waiting"),
        "status_sending": _("Sending"),
        "status_needs_fixing": _("Needs fixing"),
        "status_conflict": _("Conflict"),
        "status_sent": _("Sent"),
    }


@register.simple_tag
def outbox_messages():
    return json_script(messages(), "outbox-messages")
