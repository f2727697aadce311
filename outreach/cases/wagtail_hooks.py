"""Register the cases admin: the "At-risk people" menu."""

from wagtail import hooks

from clubs.scoped_admin import register_permission_policies
from outreach.cases.viewsets import CasesViewSetGroup

register_permission_policies(CasesViewSetGroup.items)


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CasesViewSetGroup()
