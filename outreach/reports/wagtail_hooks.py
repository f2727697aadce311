"""Register the reports admin: the "Reports" menu item."""

from wagtail import hooks

from outreach.reports.viewsets import ReportsViewSet


@hooks.register("register_admin_viewset")
def register_reports_viewset():
    return ReportsViewSet()
