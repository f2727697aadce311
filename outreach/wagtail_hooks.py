"""Register the outreach admin: the "At-risk people" and "Outreach" menus."""

from wagtail import hooks

from outreach.viewsets import (
    CasesViewSetGroup,
    OutreachViewSetGroup,
    ReportsViewSet,
    register_permission_policies,
)

register_permission_policies()


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CasesViewSetGroup()


@hooks.register("register_admin_viewset")
def register_outreach_viewsets():
    return OutreachViewSetGroup()


@hooks.register("register_admin_viewset")
def register_reports_viewset():
    return ReportsViewSet()
