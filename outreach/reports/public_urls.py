"""The public statistics page, inside the language prefix (path translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from outreach.reports import views

app_name = "statistics"

urlpatterns = [
    path(_("statistics/"), views.public_statistics, name="public"),
]
