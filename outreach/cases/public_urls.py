"""The public tip form, inside the language prefix (paths translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from outreach.cases import public_views

app_name = "tips"

urlpatterns = [
    path(_("tip/"), public_views.tip_form, name="form"),
    path(_("tip/sent/"), public_views.tip_sent, name="sent"),
]
