"""The report dashboard and its Excel file: a top-level admin menu item ("Reports")."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from outreach.reports import views


class ReportsViewSet(ViewSet):
    """Coordinators see every ward, club boards their own club (``views.may_see_reports``)."""

    name = "outreach_reports"
    url_prefix = "reports"
    icon = "table"
    menu_label = _("Reports")
    menu_icon = "table"
    menu_order = 150
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", views.admin_dashboard, name="dashboard"),
            path("report.xlsx", views.admin_xlsx, name="xlsx"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("dashboard"))

    @cached_property
    def menu_item_class(self):
        class ReportsMenuItem(MenuItem):
            def is_shown(self, request):
                return views.may_see_reports(request.user)

        return ReportsMenuItem
